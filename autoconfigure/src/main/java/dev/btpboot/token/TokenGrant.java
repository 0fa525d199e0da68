package dev.btpboot.token;

/**
 * The grants our providers request: the short name that messages, cache keys and metrics use, and
 * the {@code grant_type} the token endpoint expects.
 */
enum TokenGrant {

	CLIENT_CREDENTIALS("client_credentials", "client_credentials"),

	JWT_BEARER("jwt_bearer", "urn:ietf:params:oauth:grant-type:jwt-bearer");

	private final String shortName;

	private final String type;

	TokenGrant(String shortName, String type) {
		this.shortName = shortName;
		this.type = type;
	}

	/** @return the name in messages and the {@code grant} tag of {@code btp.token.requests} */
	String shortName() {
		return this.shortName;
	}

	/** @return the {@code grant_type} form parameter */
	String type() {
		return this.type;
	}

	/**
	 * @param grantType a request's {@code grant_type}
	 * @return the short name of our grant, else the type as it is (token-client's flows also
	 * request {@code refresh_token} and {@code password})
	 */
	static String shortNameOf(String grantType) {
		for (TokenGrant grant : values()) {
			if (grant.type.equals(grantType)) {
				return grant.shortName;
			}
		}
		return String.valueOf(grantType);
	}

}
