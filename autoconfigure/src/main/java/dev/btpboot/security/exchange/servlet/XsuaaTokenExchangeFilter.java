package dev.btpboot.security.exchange.servlet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.btpboot.security.ProblemDetails;
import dev.btpboot.security.exchange.XsuaaTokenExchange;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Right after the bearer token filter: a request authenticated by an IAS user's token goes on with
 * the authentication of its {@link XsuaaTokenExchange}. A refused exchange is a 401 with the chain's
 * bearer challenge; an outage of the token endpoint a 503 problem with {@code Retry-After}.
 */
final class XsuaaTokenExchangeFilter extends OncePerRequestFilter {

	private final XsuaaTokenExchange exchange;

	private final AuthenticationEntryPoint entryPoint;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	/**
	 * @param exchange the exchange
	 * @param entryPoint the chain's entry point of JWT mode
	 */
	XsuaaTokenExchangeFilter(XsuaaTokenExchange exchange, AuthenticationEntryPoint entryPoint) {
		this.exchange = exchange;
		this.entryPoint = entryPoint;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		JwtAuthenticationToken iasUser = this.exchange.exchangeable(this.contexts.getContext().getAuthentication());
		if (iasUser != null) {
			XsuaaTokenExchange.Result result = this.exchange.exchange(iasUser);
			if (result.authentication() == null) {
				this.contexts.clearContext();
				if (result.unavailable()) {
					unavailable(response);
				}
				else {
					this.entryPoint.commence(request, response,
							new InvalidBearerTokenException("The token could not be exchanged for an XSUAA token"));
				}
				return;
			}
			SecurityContext replaced = this.contexts.createEmptyContext();
			replaced.setAuthentication(result.authentication());
			this.contexts.setContext(replaced);
		}
		chain.doFilter(request, response);
	}

	private static void unavailable(HttpServletResponse response) throws IOException {
		byte[] body = ProblemDetails.problem(HttpServletResponse.SC_SERVICE_UNAVAILABLE).getBytes(StandardCharsets.UTF_8);
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(XsuaaTokenExchange.RETRY_AFTER.toSeconds()));
		response.setContentType(ProblemDetails.MEDIA_TYPE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
