package dev.btpboot.security.jwt;

import java.security.cert.X509Certificate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Authenticates one bearer token, in servlet and reactive applications alike: the
 * {@link JwtDecoder} verifies it, a token bound to a client certificate must come with it
 * ({@link ProofOfPossession}, the certificate read from the request only then), and the
 * {@code Converter<Jwt, ? extends AbstractAuthenticationToken>} makes the authentication. Every
 * refusal by the decoder, including keys that cannot be loaded, is an
 * {@link InvalidBearerTokenException} (401) with a fixed description: never a 500, never token
 * content in the response. Blocking (keys may be fetched): a reactive caller runs it on a
 * scheduler for blocking work.
 */
public final class BearerTokenAuthenticator {

	private static final Log logger = LogFactory.getLog(BearerTokenAuthenticator.class);

	private final JwtDecoder decoder;

	private final Converter<Jwt, ? extends AbstractAuthenticationToken> converter;

	/**
	 * @param decoder the starter's {@link BtpJwtDecoder} or the application's own decoder
	 * @param converter the starter's {@link BtpJwtAuthenticationConverter} or the application's own
	 */
	BearerTokenAuthenticator(JwtDecoder decoder, Converter<Jwt, ? extends AbstractAuthenticationToken> converter) {
		this.decoder = decoder;
		this.converter = converter;
	}

	/**
	 * @param token the bearer token
	 * @param clientCertificate the certificate the request presents by the rule of the forwarded
	 * header, {@code null} for none; asked only for a token bound to a certificate
	 * @return the authentication
	 * @throws AuthenticationException when the token is refused
	 */
	public AbstractAuthenticationToken authenticate(String token, Supplier<X509Certificate> clientCertificate) {
		return authenticated(verify(token), clientCertificate);
	}

	/**
	 * The authentication of a token the starter's decoder remembers, without blocking: no key is
	 * fetched, and only the starter's converter (an application's may read a database) is used.
	 * @param token the bearer token
	 * @param clientCertificate the certificate the request presents, as for {@link #authenticate}
	 * @return the authentication, or {@code null} when {@link #authenticate} must run
	 * @throws AuthenticationException when the remembered token lacks its proof of possession
	 */
	public AbstractAuthenticationToken authenticateRemembered(String token,
			Supplier<X509Certificate> clientCertificate) {
		if (!(this.decoder instanceof BtpJwtDecoder ours)
				|| !(this.converter instanceof BtpJwtAuthenticationConverter)) {
			return null;
		}
		VerifiedToken remembered = ours.remembered(token);
		return (remembered != null) ? authenticated(remembered, clientCertificate) : null;
	}

	private AbstractAuthenticationToken authenticated(VerifiedToken verified,
			Supplier<X509Certificate> clientCertificate) {
		if (verified.provesPossession()) {
			ProofOfPossession.check(verified.jwt(), clientCertificate);
		}
		if (this.converter instanceof BtpJwtAuthenticationConverter ours) {
			return verified.authentication(ours);
		}
		// The application's converter may read more than the token (a database): asked every time.
		AbstractAuthenticationToken authentication = this.converter.convert(verified.jwt());
		if (authentication == null) {
			throw new InvalidBearerTokenException("The token does not name a user");
		}
		return authentication;
	}

	private VerifiedToken verify(String token) {
		try {
			if (this.decoder instanceof BtpJwtDecoder ours) {
				return ours.verify(token);
			}
			BtpJwtDecoder.requireCanonical(token);
			// An application's decoder knows nothing of certificate binding: check every bound token.
			return new VerifiedToken(this.decoder.decode(token), true);
		}
		catch (UntrustedTokenException ex) {
			throw refused(ex.getMessage(), ex);
		}
		catch (JwtValidationException ex) {
			throw refused(ex.getErrors()
				.stream()
				.map((error) -> error.getDescription())
				.collect(Collectors.joining("; ")), ex);
		}
		catch (RuntimeException ex) {
			// Nimbus' messages may quote parts of the token: keep them out of the response.
			throw refused("The token is malformed or not signed by a trusted key", ex);
		}
	}

	private static InvalidBearerTokenException refused(String description, RuntimeException cause) {
		if (logger.isDebugEnabled()) {
			logger.debug("Bearer token refused: " + description + " (" + cause.getClass().getSimpleName() + ")");
		}
		return new InvalidBearerTokenException(description, cause);
	}

}
