package dev.btpboot.security;

import java.net.http.HttpResponse;
import java.security.Principal;
import java.util.List;
import java.util.concurrent.Callable;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.btpboot.security.jwt.JwtFixture;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static dev.btpboot.security.HttpClients.bearer;
import static dev.btpboot.security.HttpClients.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the stateless JWT chain keeps doing for an application without session management and
 * without an anonymous user ({@link BtpSecurityFilterChainTests} lists its filters): public paths
 * answer anonymous requests and see no user, a bearer token on a public path still names the user,
 * the user reaches async handlers and the servlet API, the authentication carries the request's
 * details (remote address) as with Spring's own resource server, method security on a public path asks for a
 * token, errors of an authenticated request keep their status, and no session is created.
 */
@SpringBootTest(classes = StatelessChainHttpTests.StatelessApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "btp.security.public-paths=/public/**" })
class StatelessChainHttpTests {

	static final JwtFixture fixture = new JwtFixture().start();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void bindings(DynamicPropertyRegistry registry) {
		registry.add("VCAP_SERVICES", () -> fixture.vcapServices(true, false));
	}

	@AfterAll
	static void stop() {
		fixture.server.stop();
	}

	private static String viewerToken() {
		return JwtFixture.sign(fixture.xsuaaKey,
				fixture.xsuaaClaims().claim("scope", List.of(JwtFixture.XSAPPNAME + ".Viewer")).build());
	}

	@Test
	void anAnonymousRequestToAPublicPathIsAnsweredAndSeesNoUser() {
		HttpResponse<String> response = get(this.port, "/public/who");
		assertThat(response.statusCode()).isEqualTo(200);
		// No BtpUser, no Principal, and no authentication in the context (no anonymous stand-in).
		assertThat(response.body()).isEqualTo("user=none principal=none authentication=none");
		assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
	}

	@Test
	void aBearerTokenOnAPublicPathNamesTheUser() {
		HttpResponse<String> response = get(this.port, "/public/who", "Authorization", bearer(viewerToken()));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("user=alice principal=alice authentication=alice");
	}

	@Test
	void methodSecurityOnAPublicPathAsksAnAnonymousRequestForABearerToken() {
		HttpResponse<String> response = get(this.port, "/public/viewer");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
		assertThat(response.headers().firstValue("Content-Type")).hasValue(ProblemDetails.MEDIA_TYPE);
		assertThat(get(this.port, "/public/viewer", "Authorization", bearer(viewerToken())).body())
			.isEqualTo("viewer");
	}

	@Test
	void theUserReachesAnAsyncHandler() {
		HttpResponse<String> response = get(this.port, "/async", "Authorization", bearer(viewerToken()));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("alice");
		assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
	}

	@Test
	void theServletApiKnowsTheUser() {
		HttpResponse<String> response = get(this.port, "/servlet-api", "Authorization", bearer(viewerToken()));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("remoteUser=alice userPrincipal=alice");
	}

	@Test
	void theAuthenticationCarriesTheRequestsDetails() {
		HttpResponse<String> response = get(this.port, "/details", "Authorization", bearer(viewerToken()));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("remoteAddress=127.0.0.1");
	}

	/**
	 * The binding in the environment makes Spring Boot see Cloud Foundry, where the router forwards
	 * the caller's address: the details name the caller on another machine, not the router.
	 */
	@Test
	void behindThePlatformRouterTheDetailsNameTheCallersAddress() {
		HttpResponse<String> response = get(this.port, "/details", "Authorization", bearer(viewerToken()),
				"X-Forwarded-For", "203.0.113.7");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("remoteAddress=203.0.113.7");
	}

	@Test
	void anErrorOfAnAuthenticatedRequestKeepsItsStatus() {
		HttpResponse<String> response = get(this.port, "/failing", "Authorization", bearer(viewerToken()));
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
	}

	@Test
	void aRequestWithoutTokenIsRefusedBeforeItsPathIsResolved() {
		HttpResponse<String> response = get(this.port, "/no-such-path");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
		assertThat(response.headers().firstValue("Content-Type")).hasValue(ProblemDetails.MEDIA_TYPE);
	}

	/** Handlers that show what the chain hands to the application. */
	@SpringBootConfiguration
	// The data feature puts JDBC on the test class path; this application has no database.
	@EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
	@RestController
	static class StatelessApplication {

		@GetMapping("/public/who")
		String who(Principal principal) {
			var authentication = SecurityContextHolder.getContext().getAuthentication();
			return "user=" + BtpUser.current().map(BtpUser::name).orElse("none") + " principal="
					+ ((principal != null) ? principal.getName() : "none") + " authentication="
					+ ((authentication != null) ? authentication.getName() : "none");
		}

		@GetMapping("/public/viewer")
		@PreAuthorize("hasAuthority('Viewer')")
		String viewer() {
			return "viewer";
		}

		@GetMapping("/async")
		Callable<String> async() {
			return () -> BtpUser.current().map(BtpUser::name).orElse("none");
		}

		@GetMapping("/servlet-api")
		String servletApi(HttpServletRequest request) {
			return "remoteUser=" + request.getRemoteUser() + " userPrincipal=" + request.getUserPrincipal().getName();
		}

		@GetMapping("/details")
		String details() {
			Object details = SecurityContextHolder.getContext().getAuthentication().getDetails();
			return (details instanceof WebAuthenticationDetails web) ? "remoteAddress=" + web.getRemoteAddress()
					: "details=" + details;
		}

		@GetMapping("/failing")
		String failing() {
			throw new IllegalStateException("failing on purpose");
		}

	}

}
