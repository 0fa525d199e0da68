package dev.btpboot.benchmarks.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import dev.btpboot.test.identity.LocalIdentityServer;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reactive target of {@code benchmarks/security/run.sh}: one JVM, one local identity server,
 * and the same WebFlux {@code GET /ping} on Reactor Netty four times: unsecured, behind Spring
 * Security's default reactive chain with {@code permitAll()} (security headers on), secured by the
 * starter's reactive JWT chain (bound to XSUAA), and secured by Spring Boot's plain reactive
 * resource server ({@code jwk-set-uri}). Writes the ports ({@code flux-unsecured},
 * {@code flux-permitall}, {@code flux-btp}, {@code flux-spring}) and one XSUAA token the secured
 * variants accept to the file given as first argument, then serves until killed.
 */
public final class ReactiveSecurityLoadTarget {

	private static final String BOOT_SECURITY = "org.springframework.boot.security.autoconfigure.";

	private static final String RESOURCE_SERVER = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.";

	/** Without Spring Security's and the starter's security. */
	static final String[] UNSECURED = { "btp.security.enabled=false", "spring.autoconfigure.exclude="
			+ BOOT_SECURITY + "ReactiveUserDetailsServiceAutoConfiguration," + BOOT_SECURITY
			+ "web.reactive.ReactiveWebSecurityAutoConfiguration," + RESOURCE_SERVER
			+ "reactive.ReactiveOAuth2ResourceServerAutoConfiguration," + RESOURCE_SERVER
			+ "web.reactive.ReactiveOAuth2ResourceServerWebSecurityAutoConfiguration" };

	/** Spring Security's default reactive chain, with {@code permitAll()} for every exchange. */
	static final String[] PERMIT_ALL = { "btp.security.enabled=false", "bench.chain=permit-all" };

	private ReactiveSecurityLoadTarget() {
	}

	public static void main(String[] args) throws IOException {
		LocalIdentityServer identity = LocalIdentityServer.start("bench!t1");
		String token = SecurityLoadTarget.token(identity);
		Map<String, String> out = new LinkedHashMap<>();
		out.put("flux-unsecured", port(start(UNSECURED)));
		out.put("flux-permitall", port(start(PERMIT_ALL)));
		out.put("flux-btp", port(start("VCAP_SERVICES=" + identity.vcapServices(true, false))));
		out.put("flux-spring", port(start(plainResourceServer(identity))));
		out.put("token", token);
		StringBuilder text = new StringBuilder();
		out.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
		Files.writeString(Path.of(args[0]), text);
	}

	/** Spring Boot's reactive resource server with the identity server's XSUAA keys. */
	static String[] plainResourceServer(LocalIdentityServer identity) {
		return new String[] { "btp.security.enabled=false",
				"spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://" + identity.uaaDomain() + "/token_keys" };
	}

	static ConfigurableApplicationContext start(String... properties) {
		// The secured variants get their binding from VCAP_SERVICES, which makes Spring Boot see Cloud
		// Foundry and trust forwarded headers (a per-request proxy check) for them alone. Every
		// variant runs as on BTP, where Cloud Foundry and Kyma both turn that on, so that the
		// comparison holds the security chain's cost and nothing else.
		return new SpringApplicationBuilder(PingApplication.class)
			.properties("spring.main.web-application-type=reactive", "server.port=0", "server.address=127.0.0.1",
					"logging.level.root=WARN", "spring.main.banner-mode=off", "server.forward-headers-strategy=native")
			.properties(properties)
			.run();
	}

	/** The port, after checking that the server is Netty (Tomcat is on the class path too, for the servlet target). */
	private static String port(ConfigurableApplicationContext context) {
		WebServer server = ((WebServerApplicationContext) context).getWebServer();
		if (!(server instanceof NettyWebServer)) {
			throw new IllegalStateException("Expected Reactor Netty, got " + server.getClass().getName());
		}
		return String.valueOf(server.getPort());
	}

	/** The endpoint under load. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class PingApplication {

		@Bean
		@ConditionalOnProperty(name = "bench.chain", havingValue = "permit-all")
		SecurityWebFilterChain permitAll(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll()).build();
		}

		@GetMapping("/ping")
		Mono<String> ping() {
			return Mono.just("pong");
		}

	}

}
