package dev.btpboot.connectivity;

import java.net.SocketTimeoutException;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.connectivity.ConnectivityProperties.Mode;
import dev.btpboot.connectivity.mail.ConnectivityMailAutoConfiguration;
import dev.btpboot.connectivity.socks.ConnectivitySocketFactory;
import dev.btpboot.connectivity.socks.ConnectivitySocksAutoConfiguration;
import dev.btpboot.testing.ConnectivityBinding;
import dev.btpboot.testing.FakeConnectivityTokens;
import dev.btpboot.testing.TestSocks5Proxy;
import dev.btpboot.testing.TestSocks5Proxy.Failure;
import dev.btpboot.token.TokenProvider;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Which proxy and mode the application uses, and the start-up failures of an impossible setup. */
class ConnectivityAutoConfigurationTests {

	private static final String CLOUD_FOUNDRY_BINDING = "VCAP_SERVICES="
			+ ConnectivityBinding.vcapServices("connectivityproxy.internal.cf.example.com", 20003, 20004);

	private static final String KUBERNETES_BINDING = "VCAP_SERVICES=" + """
			{"connectivity": [{"name": "connectivity", "label": "connectivity", "credentials": {
			  "clientid": "client", "clientsecret": "secret", "url": "https://provider.authentication.example.com"}}]}"""
		.replace("\n", " ");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, ConnectivityAutoConfiguration.class,
				ConnectivitySocksAutoConfiguration.class, ConnectivityMailAutoConfiguration.class));

	@Test
	void staysOffWithoutBindingOrProxyHost() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ConnectivityProxy.class)
			.doesNotHaveBean(ConnectivitySocketFactory.class));
	}

	@Test
	void takesTheProxyFromACloudFoundryBinding() {
		this.runner.withPropertyValues(CLOUD_FOUNDRY_BINDING)
			.run((context) -> assertThat(context.getBean(ConnectivityProxy.class)).isEqualTo(
					new ConnectivityProxy("connectivityproxy.internal.cf.example.com", 20003, 20004, Mode.CLOUD_FOUNDRY,
							null)));
	}

	@Test
	void propertiesOverrideTheBindingForLocalRunsThroughCfSsh() {
		this.runner
			.withPropertyValues(CLOUD_FOUNDRY_BINDING, "btp.connectivity.proxy.host=localhost",
					"btp.connectivity.proxy.socks5-port=10004", "btp.connectivity.location-id= eu-west ")
			.run((context) -> assertThat(context.getBean(ConnectivityProxy.class))
				.isEqualTo(new ConnectivityProxy("localhost", 20003, 10004, Mode.CLOUD_FOUNDRY, "eu-west")));
	}

	@Test
	void usesTheKubernetesProxyWhenTheBindingNamesNone() {
		this.runner.withPropertyValues(KUBERNETES_BINDING)
			.run((context) -> assertThat(context.getBean(ConnectivityProxy.class))
				.isEqualTo(new ConnectivityProxy("connectivity-proxy.kyma-system.svc.cluster.local", 20003, 20004,
						Mode.KUBERNETES_UNTRUSTED, null)));
		this.runner.withPropertyValues(KUBERNETES_BINDING, "btp.connectivity.mode=kubernetes-trusted")
			.run((context) -> assertThat(context.getBean(ConnectivityProxy.class).mode())
				.isEqualTo(Mode.KUBERNETES_TRUSTED));
	}

	@Test
	void mailWithoutTokensFailsAtStartUpWithAnExplanation() {
		this.runner.withPropertyValues(CLOUD_FOUNDRY_BINDING, "btp.connectivity.mail.enabled=true").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new ConnectivityFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains(
					"btp.connectivity.mail.enabled=true needs tokens for the connectivity proxy, but there is no bean "
							+ "'connectivityTokenProvider'");
			assertThat(analysis.getAction()).contains("Bind the connectivity service");
		});
	}

	@Test
	void mailWithoutAnyProxyFailsAtStartUpInsteadOfSendingDirectly() {
		this.runner.withPropertyValues("btp.connectivity.mail.enabled=true").run((context) -> {
			FailureAnalysis analysis = new ConnectivityFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("btp.connectivity.mail.enabled=true, but there is no "
					+ "connectivity binding and btp.connectivity.proxy.host is not set");
			assertThat(analysis.getAction()).contains("btp.connectivity.proxy.host=localhost");
		});
	}

	@Test
	void mailWithoutAMailServerFailsAtStartUpSayingWhatToSet() {
		this.runner.withPropertyValues(CLOUD_FOUNDRY_BINDING, "btp.connectivity.mail.enabled=true")
			.withBean("connectivityTokenProvider", TokenProvider.class, FakeConnectivityTokens::new)
			.run((context) -> {
				FailureAnalysis analysis = new ConnectivityFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("btp.connectivity.mail.enabled=true, but neither "
						+ "spring.mail.host nor btp.connectivity.mail.destination is set, so there is no JavaMailSender");
				assertThat(analysis.getAction()).startsWith("Set spring.mail.host (and spring.mail.port)")
					.contains("btp.connectivity.mail.destination");
			});
	}

	@Test
	void mailWithAMailDestinationNeedsNoMailHost() {
		this.runner
			.withPropertyValues(CLOUD_FOUNDRY_BINDING, "btp.connectivity.mail.enabled=true",
					"btp.connectivity.mail.destination=corporate-mail")
			.withBean("connectivityTokenProvider", TokenProvider.class, FakeConnectivityTokens::new)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void mailWithoutSocksPortFailsAtStartUpWithAnExplanation() {
		this.runner
			.withPropertyValues("btp.connectivity.proxy.host=localhost", "btp.connectivity.mode=cloud-foundry",
					"btp.connectivity.mail.enabled=true")
			.withBean("connectivityTokenProvider", TokenProvider.class, FakeConnectivityTokens::new)
			.run((context) -> {
				FailureAnalysis analysis = new ConnectivityFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("the connectivity proxy socks5-port is unknown");
				assertThat(analysis.getAction()).contains("btp.connectivity.proxy.socks5-port");
			});
	}

	@Test
	void aLocationIdThatIsNotPrintableAsciiFailsAtStartUpWithAnExplanation() {
		this.runner.withPropertyValues(CLOUD_FOUNDRY_BINDING, "btp.connectivity.location-id=Zürich").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new ConnectivityFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription())
				.contains("the location id has a character that is not printable ASCII (U+00FC at position 2)");
			assertThat(analysis.getAction()).contains("btp.connectivity.location-id");
		});
	}

	@Test
	void aLocationIdTooLongForTheHandshakeFailsAtStartUpAlsoWithoutSocks5() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, ConnectivityAutoConfiguration.class))
			.withPropertyValues(CLOUD_FOUNDRY_BINDING, "btp.connectivity.location-id=" + "l".repeat(190))
			.run((context) -> assertThat(new ConnectivityFailureAnalyzer().analyze(context.getStartupFailure())
				.getAction()).contains("btp.connectivity.location-id must be at most 255 characters in Base64"));
	}

	@Test
	void aConnectTimeoutThatIsNotPositiveFailsAtStartUp() {
		this.runner.withPropertyValues(CLOUD_FOUNDRY_BINDING, "btp.connectivity.proxy.connect-timeout=0s")
			.run((context) -> assertThat(new ConnectivityFailureAnalyzer().analyze(context.getStartupFailure())
				.getAction()).contains("Set btp.connectivity.proxy.connect-timeout to a positive duration"));
	}

	@Test
	void theSocketFactoryKeepsTheConfiguredConnectTimeout() {
		try (TestSocks5Proxy proxy = new TestSocks5Proxy()) {
			proxy.fail(Failure.SILENT);
			this.runner
				.withPropertyValues(
						"VCAP_SERVICES=" + ConnectivityBinding.vcapServices("127.0.0.1", 20003, proxy.port()),
						"btp.connectivity.proxy.connect-timeout=700ms")
				.withBean("connectivityTokenProvider", TokenProvider.class, FakeConnectivityTokens::new)
				.run((context) -> assertThatExceptionOfType(SocketTimeoutException.class)
					.isThrownBy(() -> context.getBean(ConnectivitySocketFactory.class).createSocket("erp.virtual", 25).close())
					.withMessageContaining("connect and handshake must finish within 700 ms"));
		}
	}

	@Test
	void getDefaultFollowsTheMostRecentlyStartedContextThatIsStillRunning() {
		ApplicationContextRunner withFactory = this.runner.withPropertyValues(CLOUD_FOUNDRY_BINDING);
		withFactory.run((first) -> {
			ConnectivitySocketFactory firstFactory = first.getBean(ConnectivitySocketFactory.class);
			assertThat(ConnectivitySocketFactory.getDefault()).isSameAs(firstFactory);
			withFactory.run((second) -> assertThat(ConnectivitySocketFactory.getDefault())
				.isSameAs(second.getBean(ConnectivitySocketFactory.class)));
			assertThat(ConnectivitySocketFactory.getDefault()).isSameAs(firstFactory);
		});
	}

}
