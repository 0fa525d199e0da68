package dev.btpboot.benchmarks.connectivity;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Map;
import java.util.function.IntConsumer;

import javax.net.SocketFactory;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.btpboot.testing.ConnectivityBinding;
import dev.btpboot.testing.FakeConnectivityTokens;
import dev.btpboot.testing.TestSocks5Proxy;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
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
 * Load script: 200 mails through the SOCKS5 {@code 0x80} proxy against 200 sent directly to
 * GreenMail, and 1000 {@code RestClient} calls through the HTTP proxy against 1000 direct ones, in
 * the same run and JVM; prints the time of each and the ratios (targets: mail 1.3, HTTP 1.2).
 * <p>
 * Both paths use the same clients and servers: the auto-configured {@code JavaMailSender} (through
 * the proxy) and a {@code JavaMailSenderImpl} to 127.0.0.1 (direct); one {@code RestClient} that
 * routes {@code *.virtual} through WireMock acting as the connectivity proxy, and 127.0.0.1 to the
 * same WireMock directly. The SOCKS5 proxy is the test proxy of the autoconfigure module (a thread
 * per connection, relaying to GreenMail), so the mail ratio includes a real relay hop. Tokens come
 * from a cached in-memory provider, like a warm token cache. Run it as {@code benchmarks/README.md}
 * shows; rounds are repeated and the best is reported to damp noise. Both senders say HELO, not
 * EHLO: GreenMail writes its multi-line EHLO answer line by line, and the resulting 40 ms
 * Nagle/delayed-ACK stall per mail would hide every other cost.
 */
public final class ConnectivityLoad {

	private static final int MAILS = 200;

	private static final int CALLS = 1000;

	private static final int ROUNDS = 5;

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
						"spring.mail.host", "mail.virtual", "spring.mail.port", "25", "spring.mail.properties.mail.smtp.ehlo",
						"false", "logging.level.root", "WARN"))
				.run(args)) {
				JavaMailSender proxied = context.getBean(JavaMailSender.class);
				JavaMailSenderImpl direct = directSender(greenMail, null);
				// The proxy's sockets set TCP_NODELAY; compare against a direct path that does too.
				JavaMailSenderImpl directNoDelay = directSender(greenMail, new NoDelaySocketFactory());
				RestClient client = context.getBean(RestClient.Builder.class).build();
				String directUrl = "http://127.0.0.1:" + http.port() + "/items";
				String virtualUrl = "http://erp.virtual:44300/items";

				IntConsumer mailDirect = (i) -> direct.send(mail(i));
				IntConsumer mailDirectNoDelay = (i) -> directNoDelay.send(mail(i));
				IntConsumer mailProxied = (i) -> proxied.send(mail(i));
				IntConsumer httpDirect = (i) -> client.get().uri(directUrl).retrieve().body(String.class);
				IntConsumer httpProxied = (i) -> client.get().uri(virtualUrl).retrieve().body(String.class);

				warmUp(MAILS / 4, mailDirect, mailDirectNoDelay, mailProxied);
				warmUp(CALLS / 4, httpDirect, httpProxied);
				long[] mail = bestOf(MAILS, greenMail, mailDirectNoDelay, mailProxied, mailDirect);
				long[] calls = bestOf(CALLS, null, httpDirect, httpProxied);
				System.out.println("Connectivity load (best of " + ROUNDS + " rounds, same JVM)");
				print("mail", MAILS, "direct (JDK default sockets)", mail[2], 0);
				print("mail", MAILS, "direct, TCP_NODELAY", mail[0], 0);
				print("mail", MAILS, "through SOCKS5 0x80 proxy", mail[1], mail[0]);
				print("http", CALLS, "RestClient direct", calls[0], 0);
				print("http", CALLS, "RestClient through HTTP proxy", calls[1], calls[0]);
				System.out.printf("ratios: mail %.2f (target <= 1.30), http %.2f (target <= 1.20)%n",
						(double) mail[1] / mail[0], (double) calls[1] / calls[0]);
			}
		}
		finally {
			http.stop();
			greenMail.stop();
		}
	}

	/** A root for Spring Boot's auto-configuration, nothing else. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class LoadApplication {

	}

	private static void warmUp(int count, IntConsumer... operations) {
		for (int i = 0; i < count; i++) {
			for (IntConsumer operation : operations) {
				operation.accept(i);
			}
		}
	}

	/** @return per operation, the best total nanoseconds over the rounds */
	private static long[] bestOf(int count, GreenMail greenMail, IntConsumer... operations) throws Exception {
		long[] best = new long[operations.length];
		java.util.Arrays.fill(best, Long.MAX_VALUE);
		for (int round = 0; round < ROUNDS; round++) {
			for (int i = 0; i < operations.length; i++) {
				best[i] = Math.min(best[i], time(operations[i], count));
			}
			if (greenMail != null) {
				greenMail.purgeEmailFromAllMailboxes();
			}
		}
		return best;
	}

	private static JavaMailSenderImpl directSender(GreenMail greenMail, SocketFactory sockets) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(greenMail.getSmtp().getPort());
		sender.getJavaMailProperties().setProperty("mail.smtp.ehlo", "false");
		if (sockets != null) {
			sender.getJavaMailProperties().put("mail.smtp.socketFactory", sockets);
		}
		return sender;
	}

	/** Plain sockets with TCP_NODELAY, like the connectivity proxy's. */
	private static final class NoDelaySocketFactory extends SocketFactory {

		@Override
		public Socket createSocket() throws IOException {
			Socket socket = new Socket();
			socket.setTcpNoDelay(true);
			return socket;
		}

		@Override
		public Socket createSocket(String host, int port) throws IOException {
			throw new UnsupportedOperationException("Jakarta Mail connects unconnected sockets");
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
			throw new UnsupportedOperationException("Jakarta Mail connects unconnected sockets");
		}

		@Override
		public Socket createSocket(InetAddress host, int port) throws IOException {
			throw new UnsupportedOperationException("Jakarta Mail connects unconnected sockets");
		}

		@Override
		public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
				throws IOException {
			throw new UnsupportedOperationException("Jakarta Mail connects unconnected sockets");
		}

	}

	private static long time(IntConsumer operation, int count) {
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			operation.accept(i);
		}
		return System.nanoTime() - start;
	}

	private static void print(String kind, int count, String path, long nanos, long baseline) {
		System.out.printf("%-4s %4d x %-30s %7.1f ms  %6.3f ms/op%s%n", kind, count, path, nanos / 1e6,
				nanos / 1e6 / count, (baseline > 0) ? String.format("  ratio %.2f", (double) nanos / baseline) : "");
	}

	private static SimpleMailMessage mail(int i) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom("load@example.com");
		message.setTo("user@mail.virtual");
		message.setSubject("Load " + i);
		message.setText("Message " + i);
		return message;
	}

}
