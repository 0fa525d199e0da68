package dev.btpboot.benchmarks.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.btpboot.test.identity.LocalIdentityServer;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The target of {@code benchmarks/security/run.sh}: one JVM, one local identity server, and the
 * same {@code GET /ping} application six times: unsecured; behind Spring Security's filter chain
 * proxy with an empty chain (the cost of any chain at all); behind Spring Security's default chain
 * with {@code permitAll()} (its default filters), and the same without security headers (their
 * share); secured by the starter's JWT chain (bound to XSUAA); and secured by Spring Boot's plain
 * {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}. Writes the ports and one XSUAA
 * token that all secured variants accept to the file given as first argument, then serves until
 * killed.
 */
public final class SecurityLoadTarget {

	private static final String BOOT_SECURITY = "org.springframework.boot.security.autoconfigure.";

	private static final String RESOURCE_SERVER = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.";

	private SecurityLoadTarget() {
	}

	public static void main(String[] args) throws IOException {
		LocalIdentityServer identity = LocalIdentityServer.start("bench!t1");
		String token = token(identity);
		Map<String, String> out = new LinkedHashMap<>();
		out.put("unsecured", port(start("btp.security.enabled=false", "spring.autoconfigure.exclude="
				+ BOOT_SECURITY + "SecurityAutoConfiguration," + BOOT_SECURITY + "UserDetailsServiceAutoConfiguration,"
				+ BOOT_SECURITY + "web.servlet.ServletWebSecurityAutoConfiguration," + BOOT_SECURITY
				+ "web.servlet.SecurityFilterAutoConfiguration," + RESOURCE_SERVER
				+ "OAuth2ResourceServerAutoConfiguration," + RESOURCE_SERVER
				+ "web.OAuth2ResourceServerWebSecurityAutoConfiguration")));
		out.put("emptychain", port(start("btp.security.enabled=false", "bench.chain=empty")));
		out.put("permitall", port(start("btp.security.enabled=false", "bench.chain=permit-all")));
		out.put("noheaders", port(start("btp.security.enabled=false", "bench.chain=no-headers")));
		out.put("btp", port(start("VCAP_SERVICES=" + identity.vcapServices(true, false))));
		out.put("spring", port(start("btp.security.enabled=false",
				"spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://" + identity.uaaDomain() + "/token_keys")));
		out.put("token", token);
		StringBuilder text = new StringBuilder();
		out.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
		Files.writeString(Path.of(args[0]), text);
	}

	/** The XSUAA token of every secured variant: a user with one scope, valid for the longest run. */
	static String token(LocalIdentityServer identity) {
		return identity.xsuaaToken().user("bench-user").scopes("Viewer").expiresIn(Duration.ofHours(4)).build();
	}

	static ConfigurableApplicationContext start(String... properties) {
		// The secured variants get their binding from VCAP_SERVICES, which makes Spring Boot see Cloud
		// Foundry and trust forwarded headers (a per-request proxy check) for them alone. Every
		// variant runs as on BTP, where Cloud Foundry and Kyma both turn that on, so that the
		// comparison holds the security chain's cost and nothing else.
		return new SpringApplicationBuilder(PingApplication.class).properties("server.port=0",
				"server.address=127.0.0.1", "logging.level.root=WARN", "spring.main.banner-mode=off",
				"server.forward-headers-strategy=native")
			.properties(properties)
			.run();
	}

	private static String port(ConfigurableApplicationContext context) {
		return String.valueOf(((WebServerApplicationContext) context).getWebServer().getPort());
	}

	/** The endpoint under load. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class PingApplication {

		@Bean
		@ConditionalOnProperty(name = "bench.chain", havingValue = "permit-all")
		SecurityFilterChain permitAll(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
		}

		@Bean
		@ConditionalOnProperty(name = "bench.chain", havingValue = "no-headers")
		SecurityFilterChain permitAllNoHeaders(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.headers((headers) -> headers.disable())
				.build();
		}

		@Bean
		@ConditionalOnProperty(name = "bench.chain", havingValue = "empty")
		SecurityFilterChain emptyChain() {
			return new DefaultSecurityFilterChain(AnyRequestMatcher.INSTANCE);
		}

		@GetMapping("/ping")
		String ping() {
			return "pong";
		}

	}

}
