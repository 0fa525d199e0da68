package dev.btpboot.token;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How the starter reads the answers of the BTP services it calls ({@code btp.http.*}): token
 * endpoints, key endpoints and OIDC discovery, the Destination service.
 */
@ConfigurationProperties("btp.http")
public class BtpHttpProperties {

	/**
	 * Largest response body read from a BTP service (token, keys, discovery, destination
	 * service); a larger answer is refused with an error that names this property.
	 */
	private DataSize maxResponseSize = DataSize.ofMegabytes(1);

	public DataSize getMaxResponseSize() {
		return this.maxResponseSize;
	}

	public void setMaxResponseSize(DataSize maxResponseSize) {
		this.maxResponseSize = maxResponseSize;
	}

}
