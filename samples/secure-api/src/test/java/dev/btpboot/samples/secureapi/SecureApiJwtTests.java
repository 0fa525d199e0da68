package dev.btpboot.samples.secureapi;

import org.junit.jupiter.api.Test;

import dev.btpboot.test.identity.LocalIdentityServer;
import dev.btpboot.test.identity.WithLocalIdentityServer;
import dev.btpboot.test.security.BtpSecurityAssertions;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** Bound to XSUAA (a local identity server), the sample takes JWTs and ignores its mock users. */
@WithLocalIdentityServer
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
class SecureApiJwtTests {

	@Autowired
	TestRestTemplate rest;

	@Test
	void scopesDecideAccess(LocalIdentityServer server) {
		String viewer = "Bearer " + server.xsuaaToken().user("vera").scopes("Viewer").build();
		String admin = "Bearer " + server.xsuaaToken().user("adam").scopes("Viewer", "Admin").build();
		assertThat(get("/api/reports", viewer).getStatusCode().value()).isEqualTo(200);
		assertThat(get("/api/admin/settings", viewer).getStatusCode().value()).isEqualTo(403);
		assertThat(get("/api/admin/settings", admin).getStatusCode().value()).isEqualTo(200);
		assertThat(get("/hello", viewer).getBody()).isEqualTo("Hello, vera!");
	}

	@Test
	void mockUsersDoNotWorkInJwtMode() {
		assertThat(get("/api/reports", "Basic dmlld2VyOnZpZXdlci1wYXNz").getStatusCode().value()).isEqualTo(401);
	}

	@Test
	void noEndpointIsOpenByAccident(@Autowired ApplicationContext context) {
		BtpSecurityAssertions.assertNoOpenEndpoints(context);
	}

	private ResponseEntity<String> get(String path, String authorization) {
		HttpHeaders headers = new HttpHeaders();
		if (authorization != null) {
			headers.set(HttpHeaders.AUTHORIZATION, authorization);
		}
		return this.rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
	}

}
