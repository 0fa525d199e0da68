package dev.btpboot.security.exchange;

import java.io.IOException;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.btpboot.security.BtpSecurityProperties.TokenExchange;
import dev.btpboot.security.BtpUser;
import dev.btpboot.token.TokenProvider;
import dev.btpboot.token.TokenRequestException;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Right after the bearer token filter: a request authenticated by an IAS user's token gets the
 * XSUAA token the xsuaa binding issues for it (jwt-bearer, through {@code xsuaaTokenProvider},
 * which asks once per user token and keeps the result until shortly before it expires). With
 * {@link TokenExchange#PROVIDE_XSUAA} the user keeps its groups and carries the XSUAA token; with
 * {@link TokenExchange#FORCE_XSUAA} the request is authenticated by the XSUAA token as if it had
 * been sent. A failed exchange is a 401; its log line names the binding, the endpoint and the
 * error, never a token.
 */
final class XsuaaTokenExchangeFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(XsuaaTokenExchangeFilter.class);

	private final TokenExchange mode;

	private final TokenProvider xsuaa;

	private final Predicate<Jwt> iasToken;

	private final Function<String, Authentication> xsuaaAuthentication;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	private final BearerTokenAuthenticationEntryPoint entryPoint = new BearerTokenAuthenticationEntryPoint();

	/**
	 * @param mode provide-xsuaa or force-xsuaa
	 * @param xsuaa the xsuaa binding's token provider
	 * @param iasToken whether a verified token was issued by the bound IAS
	 * @param xsuaaAuthentication authenticates an XSUAA token as the chain does (force-xsuaa)
	 */
	XsuaaTokenExchangeFilter(TokenExchange mode, TokenProvider xsuaa, Predicate<Jwt> iasToken,
			Function<String, Authentication> xsuaaAuthentication) {
		this.mode = mode;
		this.xsuaa = xsuaa;
		this.iasToken = iasToken;
		this.xsuaaAuthentication = xsuaaAuthentication;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		SecurityContext context = this.contexts.getContext();
		if (context.getAuthentication() instanceof JwtAuthenticationToken authentication
				&& authentication.getPrincipal() instanceof BtpUser user && !user.technical()
				&& this.iasToken.test(authentication.getToken())) {
			Authentication exchanged;
			try {
				exchanged = exchange(authentication, user);
			}
			catch (TokenRequestException | JwtException ex) {
				logger.warn("The IAS token of a user" + ((user.tenant() != null) ? " of tenant " + user.tenant() : "")
						+ " could not be exchanged for an XSUAA token (btp.security.token-exchange="
						+ this.mode.name().toLowerCase(Locale.ROOT).replace('_', '-') + "): "
						+ ex.getMessage());
				this.contexts.clearContext();
				this.entryPoint.commence(request, response,
						new InvalidBearerTokenException("The token could not be exchanged for an XSUAA token"));
				return;
			}
			SecurityContext replaced = this.contexts.createEmptyContext();
			replaced.setAuthentication(exchanged);
			this.contexts.setContext(replaced);
		}
		chain.doFilter(request, response);
	}

	private Authentication exchange(JwtAuthenticationToken authentication, BtpUser user) {
		String xsuaaToken = this.xsuaa.jwtBearer(authentication.getToken().getTokenValue()).value();
		if (this.mode == TokenExchange.FORCE_XSUAA) {
			Authentication forced = this.xsuaaAuthentication.apply(xsuaaToken);
			if (forced == null) {
				throw new BadJwtException("The exchanged XSUAA token names no user");
			}
			return forced;
		}
		JwtAuthenticationToken provided = new JwtAuthenticationToken(authentication.getToken(),
				user.withExchangedToken(xsuaaToken), authentication.getAuthorities());
		provided.setDetails(authentication.getDetails());
		return provided;
	}

}
