package dev.btpboot.samples.onpremisemail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's destination-stub recipe: the stub's mappings (local/destination-stub) served by
 * WireMock as the Destination service of local/default-env.json, and the sample in the profile
 * local-servers. Free ports stand in for the recipe's fixed ones (other builds may run on this
 * machine); that the files name the fixed ports of the profile is checked on its own.
 */
class DestinationStubTests {

	private static final Path STUB = Path.of("local/destination-stub/mappings");

	private final WireMockServer destinationService = new WireMockServer(
			wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

	@TempDir
	Path temp;

	@AfterEach
	void stop() {
		this.destinationService.stop();
	}

	@Test
	void theStubsDestinationsNameTheServersOfTheProfileLocalServers() throws IOException {
		PropertySource<?> application = new YamlPropertySourceLoader()
			.load("application.yml", new FileSystemResource("src/main/resources/application.yml"))
			.get(0);
		String mail = Files.readString(STUB.resolve("onpremise-mail.json"));
		assertThat(mail).contains("\"mail.smtp.port\": \"" + application.getProperty("sample.local.smtp-port") + "\"",
				"\"mail.imap4.port\": \"" + application.getProperty("sample.local.imap-port") + "\"",
				"\"mail.user\": \"" + LocalServers.USER + "\"", "\"mail.password\": \"" + LocalServers.PASSWORD + "\"");
		String directory = Files.readString(STUB.resolve("onpremise-directory.json"));
		assertThat(directory).contains("ldap://localhost:" + application.getProperty("sample.local.ldap-port"),
				"\"ldap.password\": \"" + LocalServers.PASSWORD + "\"");
		assertThat(Files.readString(Path.of("local/default-env.json"))).contains("\"url\": \"http://localhost:8089\"");
	}

	@Test
	void theSampleSendsReadsAndLooksUpThroughTheStubsDestinations() throws Exception {
		int smtp = freePort();
		int imap = freePort();
		int ldap = freePort();
		this.destinationService.start();
		try (var mappings = Files.list(STUB)) {
			for (Path mapping : mappings.toList()) {
				this.destinationService.addStubMapping(StubMapping.buildFrom(Files.readString(mapping)
					.replace("\"3025\"", "\"" + smtp + "\"")
					.replace("\"3143\"", "\"" + imap + "\"")
					.replace("localhost:1389", "localhost:" + ldap)));
			}
		}
		Path localFile = Files.writeString(this.temp.resolve("default-env.json"),
				Files.readString(Path.of("local/default-env.json"))
					.replace("http://localhost:8089", this.destinationService.baseUrl()));
		try (ConfigurableApplicationContext context = SpringApplication.run(OnPremiseMailApplication.class,
				"--spring.profiles.active=local-servers", "--btp.bindings.local-file=" + localFile,
				"--sample.local.smtp-port=" + smtp, "--sample.local.imap-port=" + imap,
				"--sample.local.ldap-port=" + ldap, "--server.port=0", "--spring.main.banner-mode=off")) {
			OnPremiseDirectory people = context.getBean(OnPremiseDirectory.class);
			OnPremiseMailbox mailbox = context.getBean(OnPremiseMailbox.class);
			List<String> addresses = people.mailOf("alice");
			assertThat(addresses).containsExactly("user@mail.virtual");
			mailbox.send("app@example.com", addresses.get(0), "Through the stub", "Hello.");
			assertThat(context.getBean(GreenMail.class).waitForIncomingEmail(5000, 1))
				.isTrue();
			assertThat(mailbox.subjects()).containsExactly("Through the stub");
		}
		assertThat(this.destinationService.getAllServeEvents()).extracting((event) -> event.getRequest().getUrl())
			.contains("/oauth/token", "/destination-configuration/v1/destinations/onpremise-mail",
					"/destination-configuration/v1/destinations/onpremise-directory");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

}
