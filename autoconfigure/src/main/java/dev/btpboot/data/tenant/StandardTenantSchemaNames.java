package dev.btpboot.data.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** The standard rule of {@link TenantSchemaNames#standard()}. */
final class StandardTenantSchemaNames implements TenantSchemaNames {

	static final StandardTenantSchemaNames INSTANCE = new StandardTenantSchemaNames();

	private static final Pattern UUID = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private StandardTenantSchemaNames() {
	}

	@Override
	public String schemaOf(String tenantId) {
		if (UUID.matcher(tenantId).matches()) {
			return "tenant_" + tenantId.replace("-", "");
		}
		String readable = tenantId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(tenantId.getBytes(StandardCharsets.UTF_8));
			return "tenant_" + readable.substring(0, Math.min(20, readable.length())) + "_"
					+ HexFormat.of().formatHex(hash, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
