package dev.btpboot.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import dev.btpboot.security.BtpUser;
import dev.btpboot.test.identity.LocalIdentityServer;
import dev.btpboot.test.identity.WithLocalIdentityServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Technical callers over a real server, bound to the local XSUAA and IAS: an IAS consumer
 * application with a client-credentials token (App2App) and an XSUAA client-credentials token.
 */
@WithLocalIdentityServer(identity = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TechnicalCallerHttpTests.ApiController.class)
class TechnicalCallerHttpTests {

	static final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void anIasClientCredentialsTokenPassesByItsApiPermissionGroups(LocalIdentityServer server) throws Exception {
		String token = server.iasClientCredentialsToken().apis("read").build();
		assertThat(call("/api/caller", token).body())
			.isEqualTo(LocalIdentityServer.CONSUMER_CLIENT_ID + "|technical|test-tenant|[read]");
		assertThat(call("/api/read", token).statusCode()).isEqualTo(200);
		assertThat(call("/api/write", token).statusCode()).isEqualTo(403);
	}

	@Test
	void iasGroupsOfATechnicalCallerAreAuthoritiesToo(LocalIdentityServer server) throws Exception {
		String token = server.iasClientCredentialsToken().client("other-consumer").apis("read").groups("write").build();
		assertThat(call("/api/caller", token).body()).isEqualTo("other-consumer|technical|test-tenant|[read, write]");
		assertThat(call("/api/write", token).statusCode()).isEqualTo(200);
	}

	@Test
	void anIasClientCredentialsTokenForAnotherApplicationIsRefused(LocalIdentityServer server) throws Exception {
		String token = server.iasClientCredentialsToken().audience("another-provider").apis("read").build();
		HttpResponse<String> response = call("/api/read", token);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).get()
			.asString()
			.contains("The token's audience does not include this application");
	}

	@Test
	void anXsuaaClientCredentialsTokenIsATechnicalCallerWithItsScopes(LocalIdentityServer server) throws Exception {
		String token = server.xsuaaClientCredentialsToken().scopes("read").build();
		assertThat(call("/api/caller", token).body())
			.isEqualTo(server.xsuaaClientId() + "|technical|test-tenant|[read]");
		assertThat(call("/api/read", token).statusCode()).isEqualTo(200);
		assertThat(call("/api/write", token).statusCode()).isEqualTo(403);
	}

	@Test
	void userTokensStayBusinessUsers(LocalIdentityServer server) throws Exception {
		assertThat(call("/api/caller", server.iasToken().user("ann@example.com").build()).body())
			.isEqualTo("ann@example.com|user|test-tenant|[]");
		assertThat(call("/api/caller", server.xsuaaToken().user("ann").scopes("read").build()).body())
			.isEqualTo("ann|user|test-tenant|[read]");
	}

	private HttpResponse<String> call(String path, String token) throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer " + token)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** An API for other applications, guarded by the permissions granted to them. */
	@TestConfiguration(proxyBeanMethods = false)
	@RestController
	static class ApiController {

		@GetMapping("/api/caller")
		String caller(@AuthenticationPrincipal BtpUser caller) {
			return caller.name() + "|" + (caller.technical() ? "technical" : "user") + "|" + caller.tenant() + "|"
					+ caller.roles().stream().sorted().toList();
		}

		@GetMapping("/api/read")
		@PreAuthorize("hasAuthority('read')")
		String read() {
			return "read";
		}

		@GetMapping("/api/write")
		@PreAuthorize("hasAuthority('write')")
		String write() {
			return "written";
		}

	}

}
