package dev.btpboot.security.jwt;

import org.springframework.security.oauth2.jwt.BadJwtException;

/** A token refused by our own checks; its message is fixed text, safe to send to the client. */
class UntrustedTokenException extends BadJwtException {

	UntrustedTokenException(String message) {
		super(message);
	}

}
