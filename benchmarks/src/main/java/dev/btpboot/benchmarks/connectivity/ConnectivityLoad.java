package dev.btpboot.benchmarks.connectivity;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.function.IntConsumer;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.btpboot.connectivity.socks.ConnectivitySocketFactory;
import dev.btpboot.testing.ConnectivityBinding;
import dev.btpboot.testing.FakeConnectivityTokens;
import dev.btpboot.testing.TestSocks5Proxy;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Load script: mails through the SOCKS5 {@code 0x80} proxy against mails sent directly to
 * GreenMail, and {@code RestClient} calls through the HTTP proxy against direct ones, in one JVM;
 * prints medians, spreads and ratios (targets: mail 1.3, HTTP 1.2), then where a proxied mail
 * connection spends its time.
 * <p>
 * The direct paths are what a user has: a {@code JavaMailSenderImpl} with Spring's defaults
 * (EHLO, plain JDK sockets) and the {@code RestClient} Spring Boot builds. The proxied paths are
 * the auto-configured {@code JavaMailSender} and the same {@code RestClient} for {@code *.virtual}
 * (WireMock in the HTTP proxy's place; the test SOCKS5 proxy of the autoconfigure module relaying
 * to GreenMail); for HTTP also a plain JDK client through the same proxy, without the starter.
 * After a warm-up, each round times all paths back to back, in rotating order, so that load from
 * other processes hits them alike; a ratio is the median of the rounds' ratios. Mail is compared
 * twice: with EHLO (Spring's default) and with both senders saying HELO (see
 * {@code benchmarks/README.md}). {@code --probe-only} prints only the connection breakdown.
 */
public final class ConnectivityLoad {

	private static final int MAILS = 200;

	private static final int CALLS = 1000;

	private static final int ROUNDS = 11;

	private static final int PROBES = 300;

	private ConnectivityLoad() {
	}

	public static void main(String[] args) throws Exception {
		GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
		greenMail.start();
		WireMockServer http = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
		http.start();
		http.stubFor(get(urlPathEqualTo("/items")).willReturn(ok("items")));
		try (TestSocks5Proxy socks = new TestSocks5Proxy()) {
			socks.map("mail.virtual", 25, greenMail.getSmtp().getPort());
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LoadApplication.class)
				.web(WebApplicationType.NONE)
				.bannerMode(Banner.Mode.OFF)
				.initializers((applicationContext) -> applicationContext.getBeanFactory()
					.registerSingleton("connectivityTokenProvider", new FakeConnectivityTokens()))
				.properties(Map.of("VCAP_SERVICES", ConnectivityBinding.vcapServices("127.0.0.1", http.port(), socks.port()),
						"btp.connectivity.mail.enabled", "true", "btp.connectivity.http.hosts", "*.virtual",
						"spring.mail.host", "mail.virtual", "spring.mail.port", "25", "logging.level.root", "WARN"))
				.run(args)) {
				JavaMailSenderImpl proxied = (JavaMailSenderImpl) context.getBean(JavaMailSender.class);
				if (!Arrays.asList(args).contains("--probe-only")) {
					compareAll(greenMail, http, proxied, context.getBean(RestClient.Builder.class).build(),
							context.getBeanProvider(HttpClientSettings.class).getIfAvailable(HttpClientSettings::defaults));
				}
				new ConnectionProbe(greenMail.getSmtp().getPort(), socks.port(),
						context.getBean(ConnectivitySocketFactory.class))
					.run();
			}
		}
		finally {
			http.stop();
			greenMail.stop();
		}
	}

	private static void compareAll(GreenMail greenMail, WireMockServer http, JavaMailSenderImpl proxied,
			RestClient client, HttpClientSettings settings) throws Exception {
		// The same proxy without the starter: a JDK client with a proxy selector and a fixed token.
		RestClient plainProxied = RestClient.builder()
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk()
				.withProxySelector(ProxySelector.of(new InetSocketAddress("127.0.0.1", http.port())))
				.build(settings))
			.defaultHeader("Proxy-Authorization", "Bearer " + FakeConnectivityTokens.ownTenantToken())
			.build();
		JavaMailSenderImpl direct = directSender(greenMail);
		JavaMailSenderImpl proxiedHelo = helo(proxied, proxied.getHost(), proxied.getPort());
		JavaMailSenderImpl directHelo = helo(direct, direct.getHost(), direct.getPort());
		String directUrl = "http://127.0.0.1:" + http.port() + "/items";
		String virtualUrl = "http://erp.virtual:44300/items";
		System.out.printf("Connectivity load (%d rounds after warm-up, paths in rotating order; median [min-max])%n",
				ROUNDS);
		compare("mail, EHLO (Spring default)", MAILS / 10, greenMail, new Path("direct", (i) -> direct.send(mail(i))),
				new Path("through SOCKS5 proxy", (i) -> proxied.send(mail(i))));
		double mail = compare("mail, HELO", MAILS, greenMail, new Path("direct", (i) -> directHelo.send(mail(i))),
				new Path("through SOCKS5 proxy", (i) -> proxiedHelo.send(mail(i))));
		double calls = compare("http, RestClient", CALLS, null,
				new Path("direct", (i) -> client.get().uri(directUrl).retrieve().body(String.class)),
				new Path("proxy, plain JDK client", (i) -> plainProxied.get().uri(virtualUrl).retrieve().body(String.class)),
				new Path("proxy, through starter", (i) -> client.get().uri(virtualUrl).retrieve().body(String.class)));
		System.out.printf("ratios: mail %.2f (HELO; target <= 1.30), http %.2f (target <= 1.20)%n", mail,
				calls);
	}

	/** A root for Spring Boot's auto-configuration, nothing else. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class LoadApplication {

	}

	/**
	 * Times the paths round by round, rotating their order, after a warm-up.
	 * @return the median over the rounds of the ratio last path / first path
	 */
	private static double compare(String name, int count, GreenMail greenMail, Path... paths) throws Exception {
		for (int i = 0; i < count / 4; i++) {
			for (Path path : paths) {
				path.operation().accept(i);
			}
		}
		long[][] times = new long[paths.length][ROUNDS];
		double[][] ratios = new double[paths.length][ROUNDS];
		for (int round = 0; round < ROUNDS; round++) {
			for (int i = 0; i < paths.length; i++) {
				int path = (round + i) % paths.length;
				times[path][round] = time(paths[path].operation(), count);
			}
			for (int path = 1; path < paths.length; path++) {
				ratios[path][round] = (double) times[path][round] / times[0][round];
			}
			if (greenMail != null) {
				greenMail.purgeEmailFromAllMailboxes();
			}
		}
		double ratio = 0;
		for (int path = 0; path < paths.length; path++) {
			System.out.printf("%-28s %4d x %-26s %s", (path == 0) ? name : "", count, paths[path].name(),
					millis(times[path], count));
			if (path > 0) {
				double[] sorted = ratios[path].clone();
				Arrays.sort(sorted);
				ratio = sorted[ROUNDS / 2];
				System.out.printf("  ratio %.2f [%.2f-%.2f]", ratio, sorted[0], sorted[ROUNDS - 1]);
			}
			System.out.println();
		}
		return ratio;
	}

	/** A way to send a mail or make a call. */
	private record Path(String name, IntConsumer operation) {
	}

	private static String millis(long[] nanos, int count) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		return String.format("%7.1f ms [%.1f-%.1f]  %.3f ms/op", sorted[sorted.length / 2] / 1e6, sorted[0] / 1e6,
				sorted[sorted.length - 1] / 1e6, sorted[sorted.length / 2] / 1e6 / count);
	}

	private static long time(IntConsumer operation, int count) {
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			operation.accept(i);
		}
		return System.nanoTime() - start;
	}

	private static JavaMailSenderImpl directSender(GreenMail greenMail) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(greenMail.getSmtp().getPort());
		return sender;
	}

	/** A copy of a sender (its socket factories included) that says HELO. */
	private static JavaMailSenderImpl helo(JavaMailSenderImpl sender, String host, int port) {
		JavaMailSenderImpl copy = new JavaMailSenderImpl();
		copy.setHost(host);
		copy.setPort(port);
		Properties properties = new Properties();
		properties.putAll(sender.getJavaMailProperties());
		properties.setProperty("mail.smtp.ehlo", "false");
		copy.setJavaMailProperties(properties);
		return copy;
	}

	private static SimpleMailMessage mail(int i) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom("load@example.com");
		message.setTo("user@mail.virtual");
		message.setSubject("Load " + i);
		message.setText("Message " + i);
		return message;
	}

	/**
	 * Where a mail connection spends its time: a direct connection to GreenMail, the proxy's
	 * handshake step by step (spoken here byte by byte, with TCP_NODELAY, as a lower bound), and
	 * the same through {@link ConnectivitySocketFactory}; then one SMTP round trip (NOOP) each.
	 */
	private static final class ConnectionProbe {

		private final int smtpPort;

		private final int proxyPort;

		private final ConnectivitySocketFactory factory;

		private final byte[] authentication;

		private final byte[] connect;

		ConnectionProbe(int smtpPort, int proxyPort, ConnectivitySocketFactory factory) {
			this.smtpPort = smtpPort;
			this.proxyPort = proxyPort;
			this.factory = factory;
			byte[] jwt = FakeConnectivityTokens.ownTenantToken().getBytes(StandardCharsets.US_ASCII);
			this.authentication = ByteBuffer.allocate(6 + jwt.length).put((byte) 1).putInt(jwt.length).put(jwt)
				.put((byte) 0).array();
			byte[] host = "mail.virtual".getBytes(StandardCharsets.US_ASCII);
			this.connect = ByteBuffer.allocate(7 + host.length).put(new byte[] { 5, 1, 0, 3, (byte) host.length })
				.put(host).putShort((short) 25).array();
		}

		void run() throws IOException {
			long[][] direct = new long[PROBES][];
			long[][] raw = new long[PROBES][];
			long[][] ours = new long[PROBES][];
			for (int i = 0; i < PROBES * 2; i++) {
				// The first half warms up. The order rotates: the proxy's relay threads still close the
				// previous connection while the next one starts.
				int slot = i % PROBES;
				for (int path = 0; path < 3; path++) {
					switch ((i + path) % 3) {
						case 0 -> direct[slot] = direct();
						case 1 -> raw[slot] = raw();
						default -> ours[slot] = ours();
					}
				}
			}
			System.out.println("Per mail connection, median microseconds (" + PROBES + " connections each)");
			print("direct", new String[] { "TCP connect", "220 greeting", "NOOP round trip" }, direct);
			print("proxy, raw", new String[] { "TCP connect", "05 01 80", "auth", "CONNECT", "220 greeting",
					"NOOP round trip" }, raw);
			print("ConnectivitySocket", new String[] { "connect+handshake", "220 greeting", "NOOP round trip" },
					ours);
		}

		private long[] direct() throws IOException {
			long start = System.nanoTime();
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.smtpPort));
				return smtp(socket, start, System.nanoTime());
			}
		}

		private long[] raw() throws IOException {
			long start = System.nanoTime();
			try (Socket socket = new Socket()) {
				socket.setTcpNoDelay(true);
				socket.connect(new InetSocketAddress("127.0.0.1", this.proxyPort));
				long connected = System.nanoTime();
				OutputStream out = socket.getOutputStream();
				DataInputStream in = new DataInputStream(socket.getInputStream());
				out.write(new byte[] { 5, 1, (byte) 0x80 });
				in.readFully(new byte[2]);
				long method = System.nanoTime();
				out.write(this.authentication);
				in.readFully(new byte[2]);
				long authenticated = System.nanoTime();
				out.write(this.connect);
				in.readFully(new byte[10]);
				long tunnel = System.nanoTime();
				long[] smtp = smtp(socket, start, tunnel);
				return new long[] { connected - start, method - connected, authenticated - method,
						tunnel - authenticated, smtp[1], smtp[2] };
			}
		}

		private long[] ours() throws IOException {
			long start = System.nanoTime();
			try (Socket socket = this.factory.createSocket("mail.virtual", 25)) {
				return smtp(socket, start, System.nanoTime());
			}
		}

		/** @return connect, greeting and NOOP times */
		private static long[] smtp(Socket socket, long start, long connected) throws IOException {
			InputStream in = socket.getInputStream();
			OutputStream out = socket.getOutputStream();
			readLine(in);
			long greeted = System.nanoTime();
			out.write("NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
			readLine(in);
			long noop = System.nanoTime();
			out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
			readLine(in);
			return new long[] { connected - start, greeted - connected, noop - greeted };
		}

		private static void readLine(InputStream in) throws IOException {
			byte[] buffer = new byte[512];
			int length = 0;
			while (length == 0 || buffer[length - 1] != '\n') {
				int read = in.read(buffer, length, buffer.length - length);
				if (read < 0) {
					throw new IOException("closed before the end of the line");
				}
				length += read;
			}
		}

		/** Prints each step's median, then the median of the connection totals up to the greeting. */
		private static void print(String path, String[] steps, long[][] samples) {
			StringBuilder line = new StringBuilder(String.format("  %-19s", path));
			for (int step = 0; step < steps.length; step++) {
				line.append(String.format(" %s %d,", steps[step], median(samples, step, step + 1) / 1000));
			}
			System.out.println(line.append(" until greeting ").append(median(samples, 0, steps.length - 1) / 1000));
		}

		private static long median(long[][] samples, int fromStep, int toStep) {
			long[] values = new long[samples.length];
			for (int i = 0; i < samples.length; i++) {
				for (int step = fromStep; step < toStep; step++) {
					values[i] += samples[i][step];
				}
			}
			Arrays.sort(values);
			return values[values.length / 2];
		}


	}

}
