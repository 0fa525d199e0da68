package dev.btpboot.security.exchange;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Predicate;

import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.security.BtpSecurityProperties.TokenExchange;
import dev.btpboot.security.BtpUser;
import dev.btpboot.security.LogThrottle;
import dev.btpboot.security.jwt.BtpJwtAuthenticationConverter;
import dev.btpboot.security.jwt.TokenIssuers;
import dev.btpboot.token.TokenProvider;
import dev.btpboot.token.TokenRequestException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The exchange of an IAS user's token for an XSUAA token, the same for the servlet and the reactive
 * chain: jwt-bearer at the xsuaa binding (through {@code xsuaaTokenProvider}, which asks once per
 * user token and keeps the result until shortly before it expires). With
 * {@link TokenExchange#PROVIDE_XSUAA} the user keeps its groups and carries the XSUAA token; with
 * {@link TokenExchange#FORCE_XSUAA} the request is authenticated by the XSUAA token, verified and
 * converted as if it had been sent ({@link ExchangedTokenAuthentication}). Technical callers and
 * XSUAA users are not exchanged.
 * <p>
 * A refusal (the token endpoint refused, or the exchanged token was not verified) is a 401,
 * remembered per IAS token for a while ({@link RefusedExchanges}), and logged at WARN at most once a
 * minute per cause, else at DEBUG. An outage (the endpoint unreachable, or answering 408, 429, 5xx:
 * {@link TokenRequestException#isRetryable()}) is no refusal: nothing is remembered, and the request
 * is answered 503 with {@code Retry-After}. Log lines name the binding, the endpoint or the check,
 * and the error, never a token. Blocking: a reactive caller runs it on a scheduler for blocking
 * work.
 */
public final class XsuaaTokenExchange {

	/** How long a client is asked to wait after an outage of the token endpoint. */
	public static final Duration RETRY_AFTER = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(XsuaaTokenExchange.class);

	private final TokenExchange mode;

	private final TokenProvider xsuaa;

	private final Predicate<Jwt> issuedByIas;

	private final ExchangedTokenAuthentication xsuaaAuthentication;

	private final RefusedExchanges refusals;

	private final LogThrottle warnings;

	/**
	 * @param mode provide-xsuaa or force-xsuaa
	 * @param xsuaa the xsuaa binding's token provider
	 * @param issuedByIas whether a verified token was issued by the bound IAS
	 * @param xsuaaAuthentication authenticates an XSUAA token as the chain does (force-xsuaa)
	 * @param refusals the memory of refused exchanges
	 * @param clock the clock of the log's rate limit
	 */
	XsuaaTokenExchange(TokenExchange mode, TokenProvider xsuaa, Predicate<Jwt> issuedByIas,
			ExchangedTokenAuthentication xsuaaAuthentication, RefusedExchanges refusals, Clock clock) {
		this.mode = mode;
		this.xsuaa = xsuaa;
		this.issuedByIas = issuedByIas;
		this.xsuaaAuthentication = xsuaaAuthentication;
		this.refusals = refusals;
		this.warnings = new LogThrottle(clock, Duration.ofMinutes(1));
	}

	/**
	 * The exchange of the chain: the chain's decoder and converter (force-xsuaa treats the exchanged
	 * token as if the request had sent it) and the decoder's rule for which tokens are IAS tokens.
	 * @param mode provide-xsuaa or force-xsuaa
	 * @param bindings the bound services
	 * @param xsuaa the xsuaa binding's token provider
	 * @param jwtDecoder the chain's decoder
	 * @param converters the application's converter, if any
	 * @return the exchange
	 */
	public static XsuaaTokenExchange of(TokenExchange mode, ServiceBindings bindings, TokenProvider xsuaa,
			JwtDecoder jwtDecoder, ObjectProvider<Converter<Jwt, ? extends AbstractAuthenticationToken>> converters) {
		TokenIssuers issuers = TokenIssuers.of(bindings);
		ExchangedTokenAuthentication xsuaaAuthentication = new ExchangedTokenAuthentication(jwtDecoder, issuers,
				BtpJwtAuthenticationConverter.of(converters, bindings));
		XsuaaTokenExchange exchange = new XsuaaTokenExchange(mode, xsuaa, issuers::isIas, xsuaaAuthentication,
				new RefusedExchanges(Clock.systemUTC()), Clock.systemUTC());
		logger.info("Token exchange " + exchange.modeName()
				+ ": IAS users get an XSUAA token from the xsuaa binding (jwt-bearer)");
		return exchange;
	}

	/**
	 * @param authentication the authentication of a request, or {@code null}
	 * @return it, when it is an IAS user's to exchange; else {@code null}
	 */
	public JwtAuthenticationToken exchangeable(Authentication authentication) {
		return (authentication instanceof JwtAuthenticationToken jwt && jwt.getPrincipal() instanceof BtpUser user
				&& !user.technical() && this.issuedByIas.test(jwt.getToken())) ? jwt : null;
	}

	/**
	 * @param authentication an IAS user's authentication ({@link #exchangeable})
	 * @return the authentication the request goes on with, or why it cannot
	 */
	public Result exchange(JwtAuthenticationToken authentication) {
		BtpUser user = (BtpUser) authentication.getPrincipal();
		String iasToken = authentication.getToken().getTokenValue();
		if (this.refusals.isRefused(iasToken)) {
			if (logger.isDebugEnabled()) {
				logger.debug(failure(user) + ": it failed less than " + RefusedExchanges.PERIOD.toSeconds()
						+ " s ago; the token endpoint is not asked again yet");
			}
			return Result.REFUSED;
		}
		try {
			return new Result(exchanged(iasToken, authentication, user), false);
		}
		catch (TokenRequestException ex) {
			if (ex.isRetryable()) {
				log("unavailable " + ex.getHttpStatus(), failure(user) + " because the token endpoint is unavailable; "
						+ "the request is answered 503 and the next one tries again: " + ex.getMessage());
				return Result.UNAVAILABLE;
			}
			return refused(iasToken, ex.getHttpStatus() + " " + ex.getError(), failure(user) + ": " + ex.getMessage());
		}
		catch (BadJwtException ex) {
			return refused(iasToken, ex.getMessage(), failure(user) + ": " + ex.getMessage());
		}
	}

	private Result refused(String iasToken, String cause, String message) {
		if (this.refusals.remember(iasToken)) {
			log(cause, message);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message);
		}
		return Result.REFUSED;
	}

	/** WARN at most once a minute per cause, else DEBUG. */
	private void log(String cause, String message) {
		if (this.warnings.permits(cause)) {
			logger.warn(message + " (logged at most once a minute for this cause)");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message);
		}
	}

	private String failure(BtpUser user) {
		return "The IAS token of a user" + ((user.tenant() != null) ? " of tenant " + user.tenant() : "")
				+ " could not be exchanged for an XSUAA token (btp.security.token-exchange=" + modeName() + ")";
	}

	private Authentication exchanged(String iasToken, JwtAuthenticationToken authentication, BtpUser user) {
		String xsuaaToken = this.xsuaa.jwtBearer(iasToken).value();
		if (this.mode == TokenExchange.FORCE_XSUAA) {
			return this.xsuaaAuthentication.authenticate(xsuaaToken);
		}
		JwtAuthenticationToken provided = new JwtAuthenticationToken(authentication.getToken(),
				user.withExchangedToken(xsuaaToken), authentication.getAuthorities());
		provided.setDetails(authentication.getDetails());
		return provided;
	}

	/** @return the mode as it is configured, e.g. {@code force-xsuaa} */
	public String modeName() {
		return this.mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * What an exchange gives the request.
	 *
	 * @param authentication the authentication to go on with, or {@code null} when there is none
	 * @param unavailable whether the token endpoint is unavailable (503), rather than the exchange
	 * refused (401)
	 */
	public record Result(Authentication authentication, boolean unavailable) {

		static final Result REFUSED = new Result(null, false);

		static final Result UNAVAILABLE = new Result(null, true);

	}

}
