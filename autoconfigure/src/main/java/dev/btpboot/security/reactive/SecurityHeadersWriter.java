package dev.btpboot.security.reactive;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.header.CacheControlServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentTypeOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.security.web.server.header.StrictTransportSecurityServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.security.web.server.header.XXssProtectionServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XXssProtectionServerHttpHeadersWriter.HeaderValue;
import org.springframework.web.server.ServerWebExchange;

/**
 * The security headers of Spring Security's default reactive header configuration, with the same
 * values and rules, written in one pass: cache control unless the response is a 304, content type
 * options, HSTS on https requests only, frame options, XSS protection, referrer policy; each group
 * only when the response holds none of its headers yet, so what a handler set stays. Spring
 * Security's default composite runs twelve writers through a reactive {@code concatMap} and copies
 * the response's header names for every one of them: the larger part of the chain's allocations
 * per exchange. {@code SecurityHeadersWriterTests} holds this writer to Spring Security's defaults.
 */
final class SecurityHeadersWriter implements ServerHttpHeadersWriter {

	private static final Group CACHE_CONTROL = new Group(
			List.of(HttpHeaders.CACHE_CONTROL, HttpHeaders.PRAGMA, HttpHeaders.EXPIRES),
			List.of(CacheControlServerHttpHeadersWriter.CACHE_CONTROL_VALUE,
					CacheControlServerHttpHeadersWriter.PRAGMA_VALUE, CacheControlServerHttpHeadersWriter.EXPIRES_VALUE));

	private static final Group CONTENT_TYPE_OPTIONS = new Group(
			List.of(ContentTypeOptionsServerHttpHeadersWriter.X_CONTENT_OPTIONS),
			List.of(ContentTypeOptionsServerHttpHeadersWriter.NOSNIFF));

	/** Spring Security's default: a year, with subdomains, without preload. */
	private static final Group STRICT_TRANSPORT_SECURITY = new Group(
			List.of(StrictTransportSecurityServerHttpHeadersWriter.STRICT_TRANSPORT_SECURITY),
			List.of("max-age=31536000 ; includeSubDomains"));

	private static final Group FRAME_OPTIONS = new Group(List.of(XFrameOptionsServerHttpHeadersWriter.X_FRAME_OPTIONS),
			List.of(Mode.DENY.name()));

	private static final Group XSS_PROTECTION = new Group(
			List.of(XXssProtectionServerHttpHeadersWriter.X_XSS_PROTECTION), List.of(HeaderValue.DISABLED.toString()));

	private static final Group REFERRER_POLICY = new Group(List.of(ReferrerPolicyServerHttpHeadersWriter.REFERRER_POLICY),
			List.of(ReferrerPolicy.NO_REFERRER.getPolicy()));

	@Override
	public Mono<Void> writeHttpHeaders(ServerWebExchange exchange) {
		ServerHttpResponse response = exchange.getResponse();
		HttpHeaders headers = response.getHeaders();
		if (response.getStatusCode() != HttpStatus.NOT_MODIFIED) {
			CACHE_CONTROL.writeTo(headers);
		}
		CONTENT_TYPE_OPTIONS.writeTo(headers);
		String scheme = exchange.getRequest().getURI().getScheme();
		if ("https".equalsIgnoreCase(scheme)) {
			STRICT_TRANSPORT_SECURITY.writeTo(headers);
		}
		FRAME_OPTIONS.writeTo(headers);
		XSS_PROTECTION.writeTo(headers);
		REFERRER_POLICY.writeTo(headers);
		return Mono.empty();
	}

	/** Headers written together, and only when the response holds none of them. */
	private static final class Group {

		private final List<String> names;

		private final List<String> values;

		Group(List<String> names, List<String> values) {
			this.names = names;
			this.values = values;
		}

		void writeTo(HttpHeaders headers) {
			for (String name : this.names) {
				if (headers.containsHeader(name)) {
					return;
				}
			}
			for (int i = 0; i < this.names.size(); i++) {
				// A list of the response's own, which a handler may still add to.
				headers.set(this.names.get(i), this.values.get(i));
			}
		}

	}

}
