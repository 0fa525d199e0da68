package dev.btpboot.security.exchange.servlet;

import java.io.IOException;
import java.util.Locale;
import java.util.function.Predicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.btpboot.security.BtpSecurityProperties.TokenExchange;
import dev.btpboot.security.BtpUser;
import dev.btpboot.security.exchange.ExchangedTokenAuthentication;
import dev.btpboot.security.exchange.RefusedExchanges;
import dev.btpboot.token.TokenProvider;
import dev.btpboot.token.TokenRequestException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Right after the bearer token filter: a request authenticated by an IAS user's token gets the
 * XSUAA token the xsuaa binding issues for it (jwt-bearer, through {@code xsuaaTokenProvider},
 * which asks once per user token and keeps the result until shortly before it expires). With
 * {@link TokenExchange#PROVIDE_XSUAA} the user keeps its groups and carries the XSUAA token; with
 * {@link TokenExchange#FORCE_XSUAA} the request is authenticated by the XSUAA token, verified and
 * converted as if it had been sent ({@link ExchangedTokenAuthentication}). A failed exchange is a
 * 401; its log line names the binding, the endpoint or the check, and the error, never a token.
 * The failure is remembered for a while ({@link RefusedExchanges}): the same IAS token again is a
 * 401 without a request to the token endpoint, logged at DEBUG.
 */
final class XsuaaTokenExchangeFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(XsuaaTokenExchangeFilter.class);

	private final TokenExchange mode;

	private final TokenProvider xsuaa;

	private final Predicate<Jwt> issuedByIas;

	private final ExchangedTokenAuthentication xsuaaAuthentication;

	private final RefusedExchanges refusals;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	private final BearerTokenAuthenticationEntryPoint entryPoint = new BearerTokenAuthenticationEntryPoint();

	/**
	 * @param mode provide-xsuaa or force-xsuaa
	 * @param xsuaa the xsuaa binding's token provider
	 * @param issuedByIas whether a verified token was issued by the bound IAS
	 * @param xsuaaAuthentication authenticates an XSUAA token as the chain does (force-xsuaa)
	 * @param refusals the memory of failed exchanges
	 */
	XsuaaTokenExchangeFilter(TokenExchange mode, TokenProvider xsuaa, Predicate<Jwt> issuedByIas,
			ExchangedTokenAuthentication xsuaaAuthentication, RefusedExchanges refusals) {
		this.mode = mode;
		this.xsuaa = xsuaa;
		this.issuedByIas = issuedByIas;
		this.xsuaaAuthentication = xsuaaAuthentication;
		this.refusals = refusals;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		SecurityContext context = this.contexts.getContext();
		if (context.getAuthentication() instanceof JwtAuthenticationToken authentication
				&& authentication.getPrincipal() instanceof BtpUser user && !user.technical()
				&& this.issuedByIas.test(authentication.getToken())) {
			String iasToken = authentication.getToken().getTokenValue();
			if (this.refusals.isRefused(iasToken)) {
				if (logger.isDebugEnabled()) {
					logger.debug(failure(user) + ": it failed less than " + RefusedExchanges.PERIOD.toSeconds()
							+ " s ago; the token endpoint is not asked again yet");
				}
				unauthorized(request, response);
				return;
			}
			Authentication exchanged;
			try {
				exchanged = exchange(iasToken, authentication, user);
			}
			catch (TokenRequestException | BadJwtException ex) {
				String message = failure(user) + ": " + ex.getMessage();
				if (this.refusals.remember(iasToken)) {
					logger.warn(message);
				}
				else if (logger.isDebugEnabled()) {
					logger.debug(message);
				}
				unauthorized(request, response);
				return;
			}
			SecurityContext replaced = this.contexts.createEmptyContext();
			replaced.setAuthentication(exchanged);
			this.contexts.setContext(replaced);
		}
		chain.doFilter(request, response);
	}

	private String failure(BtpUser user) {
		return "The IAS token of a user" + ((user.tenant() != null) ? " of tenant " + user.tenant() : "")
				+ " could not be exchanged for an XSUAA token (btp.security.token-exchange="
				+ this.mode.name().toLowerCase(Locale.ROOT).replace('_', '-') + ")";
	}

	private void unauthorized(HttpServletRequest request, HttpServletResponse response)
			throws IOException, ServletException {
		this.contexts.clearContext();
		this.entryPoint.commence(request, response,
				new InvalidBearerTokenException("The token could not be exchanged for an XSUAA token"));
	}

	private Authentication exchange(String iasToken, JwtAuthenticationToken authentication, BtpUser user) {
		String xsuaaToken = this.xsuaa.jwtBearer(iasToken).value();
		if (this.mode == TokenExchange.FORCE_XSUAA) {
			return this.xsuaaAuthentication.authenticate(xsuaaToken);
		}
		JwtAuthenticationToken provided = new JwtAuthenticationToken(authentication.getToken(),
				user.withExchangedToken(xsuaaToken), authentication.getAuthorities());
		provided.setDetails(authentication.getDetails());
		return provided;
	}

}
