package dev.btpboot.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a cached token is for: service, grant, tenant, the SHA-256 of the user assertion (never
 * the assertion itself) and the IAS {@code resource}. Secrets are not part of a key at all: each
 * binding has its own cache.
 *
 * @param service the service
 * @param grant the grant
 * @param tenant the tenant: its subdomain, or {@code id:} and its id when it is addressed by id, or
 * {@code null} for the binding's own tenant (a subdomain has no colon: the two never meet)
 * @param assertionHash hex SHA-256 of the user token, or {@code null}
 * @param resource the IAS resource URN, or {@code null}
 */
record TokenKey(String service, TokenGrant grant, String tenant, String assertionHash, String resource) {

	static TokenKey clientCredentials(String service, String tenant, String resource) {
		return new TokenKey(service, TokenGrant.CLIENT_CREDENTIALS, tenant, null, resource);
	}

	/** @return the key of a client-credentials token for a tenant addressed by its id */
	static TokenKey forTenant(String service, String tenantId, String resource) {
		return new TokenKey(service, TokenGrant.CLIENT_CREDENTIALS, tenantKey(tenantId), null, resource);
	}

	/** @return the {@link #tenant()} of keys of a tenant addressed by its id */
	static String tenantKey(String tenantId) {
		return "id:" + tenantId;
	}

	static TokenKey jwtBearer(String service, String assertion, String resource) {
		return new TokenKey(service, TokenGrant.JWT_BEARER, null, sha256(assertion), resource);
	}

	static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

}
