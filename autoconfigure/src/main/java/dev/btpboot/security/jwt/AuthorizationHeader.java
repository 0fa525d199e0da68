package dev.btpboot.security.jwt;

/**
 * The one reading of an {@code Authorization} header, shared by the servlet and the reactive
 * chain: the token of a {@code Bearer} header, its syntax left to {@link BtpJwtDecoder}.
 */
public final class AuthorizationHeader {

	private static final String PREFIX = "Bearer ";

	private AuthorizationHeader() {
	}

	/**
	 * @param authorization the {@code Authorization} header, or {@code null}
	 * @return the token of a bearer header, else {@code null}
	 */
	public static String bearerToken(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			return null;
		}
		return authorization.substring(PREFIX.length());
	}

}
