package dev.btpboot.samples.secureapi;

import org.junit.jupiter.api.Test;

import dev.btpboot.test.identity.LocalIdentityServer;
import dev.btpboot.test.identity.WithLocalIdentityServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.btpboot.samples.secureapi.SecureApiHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

/** Bound to XSUAA (a local identity server), the sample takes JWTs and ignores its mock users. */
@WithLocalIdentityServer
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecureApiJwtTests {

	@LocalServerPort
	int port;

	@Test
	void scopesDecideAccess(LocalIdentityServer server) {
		String viewer = "Bearer " + server.xsuaaToken().user("vera").scopes("Viewer").build();
		String admin = "Bearer " + server.xsuaaToken().user("adam").scopes("Viewer", "Admin").build();
		assertThat(get(this.port, "/api/reports", viewer).statusCode()).isEqualTo(200);
		assertThat(get(this.port, "/api/admin/settings", viewer).statusCode()).isEqualTo(403);
		assertThat(get(this.port, "/api/admin/settings", admin).statusCode()).isEqualTo(200);
		assertThat(get(this.port, "/hello", viewer).body()).isEqualTo("Hello, vera!");
	}

	@Test
	void mockUsersDoNotWorkInJwtMode() {
		assertThat(get(this.port, "/api/reports", "Basic dmlld2VyOnZpZXdlci1wYXNz").statusCode()).isEqualTo(401);
	}

}
