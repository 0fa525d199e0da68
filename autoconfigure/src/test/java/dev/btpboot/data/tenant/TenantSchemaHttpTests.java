package dev.btpboot.data.tenant;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.btpboot.tenancy.SubscribedTenants;
import dev.btpboot.tenancy.Subscription;
import dev.btpboot.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two subscribed tenants using one application through embedded Tomcat with concurrent requests
 * on a pool of two connections, so each pooled connection serves both tenants in turn: a note
 * written as tenant A is never read as tenant B. The tenants' schemas come from the start-up
 * migration of the subscribed tenants; a user without a tenant is served by the provider's schema,
 * a tenant that is not subscribed gets an error and no data.
 */
@SpringBootTest(classes = TenantSchemaHttpTests.NotesApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "btp.bindings.kubernetes-root=/nonexistent", "btp.tenancy.data.isolation=schema",
				"spring.flyway.locations=classpath:dev/btpboot/data/migration",
				"spring.datasource.hikari.maximum-pool-size=2", "btp.security.mock.users.alice.password=alice-pw",
				"btp.security.mock.users.alice.tenant=tenant-a", "btp.security.mock.users.bob.password=bob-pw",
				"btp.security.mock.users.bob.tenant=tenant-b", "btp.security.mock.users.carol.password=carol-pw",
				"btp.security.mock.users.carol.tenant=tenant-c", "btp.security.mock.users.operator.password=op-pw" })
@ExtendWith(OutputCaptureExtension.class)
class TenantSchemaHttpTests {

	@RegisterExtension
	static final TestPostgres postgres = new TestPostgres();

	private static final String PASSWORD = "Notes-S3cr3t-pw";

	private static final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@BeforeAll
	static void createTheServiceInstance() {
		postgres.createUserAndDatabase("notes_app", PASSWORD, "notes");
	}

	@DynamicPropertySource
	static void bindTheDatabase(DynamicPropertyRegistry registry) {
		registry.add("VCAP_SERVICES", () -> TestPostgres
			.vcapServices(Map.of("notes-db", postgres.postgresqlDbCredentials("notes_app", PASSWORD, "notes"))));
	}

	@Test
	void concurrentRequestsOfTwoTenantsNeverSeeEachOthersNotes() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(8);
		ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
		List<Future<?>> requests = new ArrayList<>();
		for (int i = 0; i < 120; i++) {
			String user = (i % 2 == 0) ? "alice" : "bob";
			String note = user + "-" + i;
			requests.add(executor.submit(() -> {
				HttpResponse<String> added = send(user, "POST", "/notes", note);
				if (added.statusCode() != 200) {
					problems.add(note + ": POST answered " + added.statusCode());
				}
				HttpResponse<String> notes = send(user, "GET", "/notes", null);
				for (String line : notes.body().split("\n")) {
					if (!line.startsWith(user + "-")) {
						problems.add(user + " read '" + line + "'");
					}
				}
				if (!notes.body().contains(note)) {
					problems.add(user + " did not read its own '" + note + "'");
				}
			}));
		}
		for (Future<?> request : requests) {
			request.get(60, TimeUnit.SECONDS);
		}
		executor.shutdown();
		assertThat(problems).isEmpty();
		assertThat(send("alice", "GET", "/notes", null).body().split("\n")).filteredOn((n) -> n.matches("alice-\\d+"))
			.hasSize(60);
		assertThat(send("bob", "GET", "/notes", null).body().split("\n")).filteredOn((n) -> n.matches("bob-\\d+"))
			.hasSize(60);
	}

	@Test
	void aUserWithoutTenantIsServedByTheProvidersSchema() {
		assertThat(send("operator", "GET", "/schema", null).body()).isEqualTo("public");
		assertThat(send("alice", "GET", "/schema", null).body())
			.isEqualTo(TenantSchemaNames.standard().schemaOf("tenant-a"));
	}

	@Test
	void aTenantThatIsNotSubscribedGetsAnErrorAndNoData(CapturedOutput output) {
		send("alice", "POST", "/notes", "alice-private");
		HttpResponse<String> response = send("carol", "GET", "/notes", null);
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).doesNotContain("alice-private", "tenant_", "Exception");
		assertThat(output).contains("Tenant 'tenant-c': its schema '" + TenantSchemaNames.standard().schemaOf("tenant-c")
				+ "' does not exist");
	}

	private HttpResponse<String> send(String user, String method, String path, String body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString((user + ":" + user.replace("operator", "op") + "-pw")
							.getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "text/plain")
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody())
			.build();
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A notes API whose table every tenant has in its own schema. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class NotesApplication {

		private final JdbcTemplate jdbc;

		NotesApplication(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		/** The platform's view of the subscriptions, as the SaaS registry would give it. */
		@Bean
		SubscribedTenants subscribedTenants() {
			return () -> List.of(new Subscription("tenant-a", "alpha", null, null),
					new Subscription("tenant-b", "beta", null, null));
		}

		@PostMapping("/notes")
		int add(@RequestBody String text) {
			return this.jdbc.update("INSERT INTO notes (text) VALUES (?)", text);
		}

		@GetMapping("/notes")
		String notes() {
			return String.join("\n", this.jdbc.queryForList("SELECT text FROM notes ORDER BY id", String.class));
		}

		@GetMapping("/schema")
		String schema() {
			return this.jdbc.queryForObject("SELECT current_schema()", String.class);
		}

	}

}
