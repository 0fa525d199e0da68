package dev.btpboot.security.jwt.servlet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.btpboot.security.jwt.ProtectedResourceMetadata;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers {@code GET} of the {@link ProtectedResourceMetadata} path with the configured document,
 * to any client and ahead of authentication, as RFC 9728 intends; every other request passes.
 */
final class ProtectedResourceMetadataFilter extends OncePerRequestFilter {

	private final ProtectedResourceMetadata metadata;

	private final byte[] body;

	ProtectedResourceMetadataFilter(ProtectedResourceMetadata metadata) {
		this.metadata = metadata;
		this.body = metadata.json().getBytes(StandardCharsets.UTF_8);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!"GET".equals(request.getMethod())
				|| !request.getRequestURI().equals(request.getContextPath() + this.metadata.path())) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(this.body.length);
		response.getOutputStream().write(this.body);
	}

}
