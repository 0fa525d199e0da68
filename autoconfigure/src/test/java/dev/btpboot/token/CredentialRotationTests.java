package dev.btpboot.token;

import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import javax.net.ssl.SSLSession;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.sap.cloud.security.xsuaa.tokenflows.XsuaaTokenFlows;
import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.binding.OAuthClientCredentials;
import dev.btpboot.binding.ServiceBinding;
import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.binding.X509Identity;
import dev.btpboot.binding.XsuaaCredentials;
import dev.btpboot.testing.KubeletSecretVolume;
import dev.btpboot.testing.KubernetesBindingFiles;
import dev.btpboot.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both binding layouts mounted as the kubelet mounts them, with X.509 credentials, rotated with
 * the {@code ..data} swap while 50 threads fetch tokens over mutual TLS from a token endpoint that
 * requires a client certificate. The endpoint records the certificate each request came with.
 */
class CredentialRotationTests {

	private static final int THREADS = 50;

	@TempDir
	static Path directory;

	private static WireMockServer server;

	private static TestCertificates.Issued serverCertificate;

	private static final TestCertificates.Issued XSUAA_OLD = TestCertificates.selfSignedEc("xsuaa-old");

	private static final TestCertificates.Issued XSUAA_NEW = TestCertificates.selfSignedEc("xsuaa-new");

	private static final TestCertificates.Issued IAS_OLD = TestCertificates.selfSignedEc("ias-old");

	private static final TestCertificates.Issued IAS_NEW = TestCertificates.selfSignedEc("ias-new");

	/** Each token request as the endpoint saw it, in the order it served them. */
	private static final Queue<Seen> seen = new ConcurrentLinkedQueue<>();

	@BeforeAll
	static void startServer() throws Exception {
		serverCertificate = TestCertificates.selfSignedRsa("localhost");
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		trusted.load(null, null);
		for (TestCertificates.Issued client : List.of(XSUAA_OLD, XSUAA_NEW, IAS_OLD, IAS_NEW)) {
			trusted.setCertificateEntry(client.certificate().getSubjectX500Principal().getName(),
					client.certificate());
		}
		server = new WireMockServer(wireMockConfig().httpDisabled(true)
			.dynamicHttpsPort()
			.bindAddress("127.0.0.1")
			.keystorePath(store(serverCertificate.keyStore(), "server.p12").toString())
			.keystoreType("PKCS12")
			.keystorePassword("changeit")
			.keyManagerPassword("changeit")
			.needClientAuth(true)
			.trustStorePath(store(trusted, "trust.p12").toString())
			.trustStoreType("PKCS12")
			.trustStorePassword("changeit")
			.extensions(new ClientCertificateRecorder()));
		server.start();
		server.stubFor(post("/oauth/token").willReturn(okJson(TokenTestSupport.tokenResponse("xsuaa-token", 3600))));
		server.stubFor(post("/oauth2/token").willReturn(okJson(TokenTestSupport.tokenResponse("ias-token", 3600))));
	}

	/**
	 * Default token settings but a patient read timeout: 50 threads over mutual TLS can keep a
	 * loaded CI machine's WireMock busy past the 10 s default, and this test is about which
	 * certificate is presented, not about deadlines.
	 */
	private static TokenProperties patientProperties() {
		TokenProperties properties = new TokenProperties();
		properties.setReadTimeout(Duration.ofSeconds(60));
		return properties;
	}

	@AfterAll
	static void stopServer() {
		server.stop();
	}

	@Test
	void afterTheSwapEveryTokenRequestPresentsTheNewCertificateAndNoCallerFails() throws Exception {
		Path root = Files.createDirectories(directory.resolve("bindings"));
		String url = "https://localhost:" + server.httpsPort();
		KubeletSecretVolume xsuaa = KubeletSecretVolume.mount(root.resolve("my-xsuaa"),
				KubernetesBindingFiles.operatorXsuaaX509(XSUAA_OLD, url));
		KubeletSecretVolume ias = KubeletSecretVolume.mount(root.resolve("my-ias"),
				KubernetesBindingFiles.serviceBindingIoIdentityX509(IAS_OLD, url));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, TokenAutoConfiguration.class))
			.withPropertyValues("btp.bindings.kubernetes-root=" + root, "btp.bindings.refresh-interval=50ms",
					"btp.bindings.certificate-expiry-warning=1h")
			// The only change from the auto-configured factory: trust the endpoint's test certificate.
			.withBean(TokenProviderFactory.class,
					() -> TokenTestSupport.factory(patientProperties(), Clock.systemUTC(), Runnable::run,
							TokenObserver.Factory.NONE, serverCertificate.trustStore(), 0,
							new TokenTestSupport.RecordingSleeper()))
			.run((context) -> {
				ServiceBindings bindings = context.getBean(ServiceBindings.class);
				TokenProvider xsuaaTokens = context.getBean("xsuaaTokenProvider", TokenProvider.class);
				IdentityTokenProvider iasTokens = context.getBean(IdentityTokenProvider.class);
				Workers workers = new Workers(xsuaaTokens, iasTokens);
				workers.start();
				try {
					await("requests with the old certificates", () -> count("xsuaa-old") >= 30 && count("ias-old") >= 30);

					xsuaa.update(KubernetesBindingFiles.operatorXsuaaX509(XSUAA_NEW, url));
					ias.update(KubernetesBindingFiles.serviceBindingIoIdentityX509(IAS_NEW, url));
					await("the watcher to take both new versions into use",
							() -> subject(bindings.xsuaa().orElseThrow()).equals("CN=xsuaa-new")
									&& subject(bindings.identity().orElseThrow()).equals("CN=ias-new"));
					// Calls that started before the bindings changed may still use the old version:
					// wait until every thread has finished two calls since.
					long[] completed = workers.completed();
					await("every thread to finish two more calls", () -> workers.allCompletedMoreThan(completed, 2));
					int mark = seen.size();

					await("requests with the new certificates",
							() -> after(mark).stream().filter((s) -> s.subject().equals("CN=xsuaa-new")).count() >= 30
									&& after(mark).stream().filter((s) -> s.subject().equals("CN=ias-new")).count() >= 30);
					workers.stop();

					assertThat(workers.failures).isEmpty();
					List<Seen> afterSwap = after(mark);
					assertThat(afterSwap).allSatisfy((s) -> assertThat(s.subject())
						.isEqualTo(s.path().equals("/oauth/token") ? "CN=xsuaa-new" : "CN=ias-new"));
					// Dropped caches: the client-credentials token of each binding was fetched again.
					assertThat(seen).filteredOn(Seen::clientCredentials)
						.extracting(Seen::subject)
						.contains("CN=xsuaa-new", "CN=ias-new");
					assertThat(seen).filteredOn(Seen::clientCredentials)
						.extracting(Seen::subject)
						.contains("CN=xsuaa-old", "CN=ias-old");
				}
				finally {
					workers.stop();
				}
			});
	}

	@Test
	void xsuaaTokenFlowsGoOutWithTheCurrentCertificate() throws Exception {
		String url = "https://localhost:" + server.httpsPort();
		TokenProviderFactory factory = TokenTestSupport.factory(patientProperties(), Clock.systemUTC(), Runnable::run,
				TokenObserver.Factory.NONE, serverCertificate.trustStore(), 0, new TokenTestSupport.RecordingSleeper());
		XsuaaCredentials before = xsuaaCredentials(XSUAA_OLD, url);
		AtomicReference<XsuaaCredentials> current = new AtomicReference<>(before);
		XsuaaTokenFlows flows = XsuaaTokenFlowsFactory.create(factory, current::get);
		int mark = seen.size();
		flows.clientCredentialsTokenFlow().execute();
		flows.clientCredentialsTokenFlow().execute();
		current.set(xsuaaCredentials(XSUAA_NEW, url));
		flows.clientCredentialsTokenFlow().execute();
		// token-client's cache holds one token per version: two requests, one per certificate.
		assertThat(after(mark)).extracting(Seen::subject).containsExactly("CN=xsuaa-old", "CN=xsuaa-new");
	}

	private static XsuaaCredentials xsuaaCredentials(TestCertificates.Issued certificate, String url) {
		return XsuaaCredentials.from(new ServiceBinding("my-xsuaa", "xsuaa", "application", List.of(),
				Map.copyOf(KubernetesBindingFiles.operatorXsuaaX509(certificate, url)), "test"));
	}

	private static long count(String commonName) {
		return seen.stream().filter((s) -> s.subject().equals("CN=" + commonName)).count();
	}

	private static List<Seen> after(int mark) {
		List<Seen> all = new ArrayList<>(seen);
		return all.subList(Math.min(mark, all.size()), all.size());
	}

	private static String subject(OAuthClientCredentials credentials) {
		return ((X509Identity) credentials.authentication()).certificateChain()
			.get(0)
			.getSubjectX500Principal()
			.getName();
	}

	/** Waits with generous slack: this checks what happens, not how fast. */
	private static void await(String what, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	private static Path store(KeyStore store, String name) throws Exception {
		Path path = directory.resolve(name);
		try (OutputStream out = Files.newOutputStream(path)) {
			store.store(out, "changeit".toCharArray());
		}
		return path;
	}

	/** A token request as the endpoint saw it. */
	private record Seen(String path, String subject, boolean clientCredentials) {
	}

	/** 50 threads, each alternating between both providers: mostly jwt-bearer with a new user each time. */
	private static final class Workers {

		final List<Throwable> failures = new CopyOnWriteArrayList<>();

		private final TokenProvider xsuaa;

		private final IdentityTokenProvider ias;

		private final AtomicLongArray completed = new AtomicLongArray(THREADS);

		private final List<Thread> threads = new ArrayList<>();

		private volatile boolean running = true;

		Workers(TokenProvider xsuaa, IdentityTokenProvider ias) {
			this.xsuaa = xsuaa;
			this.ias = ias;
		}

		void start() {
			for (int i = 0; i < THREADS; i++) {
				int index = i;
				Thread thread = new Thread(() -> work(index), "token-caller-" + i);
				this.threads.add(thread);
				thread.start();
			}
		}

		private void work(int index) {
			for (long call = 0; this.running; call++) {
				try {
					TokenProvider provider = ((index + call) % 2 == 0) ? this.xsuaa : this.ias;
					AccessToken token = (call % 10 == 0) ? provider.clientCredentials()
							: provider.jwtBearer(TokenTestSupport.jwt("{\"sub\":\"user-" + index + "-" + call + "\"}"));
					if (!token.value().equals((provider == this.xsuaa) ? "xsuaa-token" : "ias-token")) {
						throw new AssertionError("unexpected token " + token.value());
					}
				}
				catch (Throwable ex) {
					this.failures.add(ex);
				}
				this.completed.incrementAndGet(index);
			}
		}

		long[] completed() {
			long[] snapshot = new long[THREADS];
			for (int i = 0; i < THREADS; i++) {
				snapshot[i] = this.completed.get(i);
			}
			return snapshot;
		}

		boolean allCompletedMoreThan(long[] snapshot, int calls) {
			for (int i = 0; i < THREADS; i++) {
				if (this.completed.get(i) < snapshot[i] + calls) {
					return false;
				}
			}
			return true;
		}

		void stop() throws InterruptedException {
			this.running = false;
			for (Thread thread : this.threads) {
				thread.join(60_000);
			}
		}

	}

	/**
	 * Records the client certificate of each request. WireMock does not expose it, so this reads
	 * the TLS session from the servlet request behind WireMock's adapter (whose attribute names
	 * WireMock's shading renames, hence the search by value).
	 */
	private static final class ClientCertificateRecorder implements StubRequestFilterV2 {

		@Override
		public String getName() {
			return "client-certificate-recorder";
		}

		@Override
		public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
			seen.add(new Seen(request.getUrl(), clientSubject(request),
					request.getBodyAsString().contains("grant_type=client_credentials")));
			return RequestFilterAction.continueWith(request);
		}

		private static String clientSubject(Request request) {
			try {
				Field field = request.getClass().getDeclaredField("request");
				field.setAccessible(true);
				Object servletRequest = field.get(request);
				Method getAttribute = servletRequest.getClass().getMethod("getAttribute", String.class);
				Enumeration<?> names = (Enumeration<?>) servletRequest.getClass()
					.getMethod("getAttributeNames")
					.invoke(servletRequest);
				for (Object name : Collections.list(names)) {
					if (getAttribute.invoke(servletRequest, name) instanceof SSLSession session) {
						return ((X509Certificate) session.getPeerCertificates()[0]).getSubjectX500Principal().getName();
					}
				}
				return "no TLS session";
			}
			catch (ReflectiveOperationException | javax.net.ssl.SSLPeerUnverifiedException ex) {
				return "unreadable: " + ex;
			}
		}

	}

}
