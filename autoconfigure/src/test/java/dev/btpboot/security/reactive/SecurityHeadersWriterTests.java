package dev.btpboot.security.reactive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's one-pass writer against Spring Security's default reactive header configuration:
 * the same headers, values, order and rules (a group is left out when the response holds one of
 * its headers; no cache control on a 304; HSTS on https only), for every status, scheme and header
 * a handler may have set first. A Spring Security upgrade that changes its defaults fails here.
 */
class SecurityHeadersWriterTests {

	/** Spring Security's default header filter, as {@code ServerHttpSecurity} builds it. */
	private static final WebFilter SPRING_DEFAULTS = ServerHttpSecurity.http()
		.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
		.build()
		.getWebFilters()
		.filter(HttpHeaderWriterWebFilter.class::isInstance)
		.blockFirst();

	private static final WebFilter STARTER = new HttpHeaderWriterWebFilter(new SecurityHeadersWriter());

	private static final List<String> SECURITY_HEADERS = List.of("Cache-Control", "Pragma", "Expires",
			"X-Content-Type-Options", "Strict-Transport-Security", "X-Frame-Options", "X-XSS-Protection",
			"Referrer-Policy");

	static Stream<Arguments> exchanges() {
		List<Map<String, String>> presets = new ArrayList<>();
		presets.add(Map.of());
		SECURITY_HEADERS.forEach((name) -> presets.add(Map.of(name, "set-by-handler")));
		presets.add(Map.of("cache-control", "max-age=60"));
		presets.add(Map.of("ETag", "\"v1\""));
		presets.add(Map.of("Pragma", "x", "X-Frame-Options", "SAMEORIGIN"));
		List<Arguments> arguments = new ArrayList<>();
		for (String scheme : List.of("http", "https", "HTTPS")) {
			for (HttpStatus status : new HttpStatus[] { null, HttpStatus.OK, HttpStatus.NOT_MODIFIED,
					HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN }) {
				presets.forEach((preset) -> arguments.add(Arguments.of(scheme, status, preset)));
			}
		}
		return arguments.stream();
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@MethodSource("exchanges")
	void writesWhatSpringSecuritysDefaultsWrite(String scheme, HttpStatus status, Map<String, String> preset) {
		assertThat(headersWrittenBy(STARTER, scheme, status, preset))
			.isEqualTo(headersWrittenBy(SPRING_DEFAULTS, scheme, status, preset));
	}

	@Test
	void anOkResponseOverHttpsGetsEverySecurityHeader() {
		assertThat(headersWrittenBy(STARTER, "https", HttpStatus.OK, Map.of())).extracting((header) -> header.get(0))
			.containsExactlyElementsOf(SECURITY_HEADERS);
	}

	@Test
	void aHandlerMayStillAddToAHeaderTheWriterSet() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("https://api.example.com/"));
		STARTER.filter(exchange, (filtered) -> Mono.empty()).block();
		exchange.getResponse().beforeCommit(() -> {
			exchange.getResponse().getHeaders().add("Cache-Control", "private");
			return Mono.empty();
		});
		exchange.getResponse().setComplete().block();
		assertThat(exchange.getResponse().getHeaders().get("Cache-Control"))
			.containsExactly("no-cache, no-store, max-age=0, must-revalidate", "private");
	}

	/** The headers in the order the response holds them, each as its name followed by its values. */
	private static List<List<String>> headersWrittenBy(WebFilter filter, String scheme, HttpStatus status,
			Map<String, String> preset) {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get(scheme + "://api.example.com/orders"));
		if (status != null) {
			exchange.getResponse().setStatusCode(status);
		}
		preset.forEach(exchange.getResponse().getHeaders()::add);
		filter.filter(exchange, (filtered) -> Mono.empty()).block();
		exchange.getResponse().setComplete().block();
		List<List<String>> headers = new ArrayList<>();
		exchange.getResponse().getHeaders().forEach((name, values) -> {
			List<String> header = new ArrayList<>();
			header.add(name);
			header.addAll(values);
			headers.add(header);
		});
		return headers;
	}

}
