package dev.btpboot.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.btpboot.test.identity.LocalIdentityServer;
import dev.btpboot.test.identity.WithLocalIdentityServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** An application bound to the local identity server runs in JWT mode and accepts its tokens. */
@WithLocalIdentityServer(identity = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LocalIdentityServerTests {

	static final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void xsuaaTokensOfTheBuilderAreAccepted(LocalIdentityServer server) throws Exception {
		String token = server.xsuaaToken().user("ann").tenant("t-1").scopes("Viewer").build();
		assertThat(call("/me", token).body()).isEqualTo("ann|t-1|[Viewer]|{}");
		assertThat(call("/viewer", token).statusCode()).isEqualTo(200);
		assertThat(call("/viewer", server.xsuaaToken().scopes("Other").build()).statusCode()).isEqualTo(403);
	}

	@Test
	void iasTokensOfTheBuilderAreAccepted(LocalIdentityServer server) throws Exception {
		String token = server.iasToken().user("ann@example.com").groups("Viewer").tenant("t-2").build();
		assertThat(call("/me", token).body()).isEqualTo("ann@example.com|t-2|[Viewer]|{}");
		assertThat(call("/viewer", token).statusCode()).isEqualTo(200);
	}

	@Test
	void validationIsNotWeakened(LocalIdentityServer server) throws Exception {
		assertThat(call("/me", server.xsuaaToken().expiresIn(Duration.ofMinutes(-5)).build()).statusCode())
			.isEqualTo(401);
		assertThat(call("/me", server.xsuaaToken().audience("other-app").rawScopes("other!t9.Viewer").build())
			.statusCode()).isEqualTo(401);
		assertThat(call("/me", server.iasToken().audience("other-client").build()).statusCode()).isEqualTo(401);
		assertThat(call("/me", null).statusCode()).isEqualTo(401);
	}

	@Test
	void tokenEndpointHandsOutTokensTheApplicationAccepts(LocalIdentityServer server) throws Exception {
		HttpResponse<String> response = client.send(HttpRequest
			.newBuilder(URI.create("http://" + server.uaaDomain() + "/oauth/token"))
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build(), HttpResponse.BodyHandlers.ofString());
		String token = response.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
		assertThat(call("/me", token).statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> call(String path, String token) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
