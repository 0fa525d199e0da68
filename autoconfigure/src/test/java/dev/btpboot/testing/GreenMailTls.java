package dev.btpboot.testing;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The TLS certificate of GreenMail's TLS servers for the virtual host {@code mail.virtual}, one per
 * JVM: GreenMail reads its key store from system properties, so every test class that starts TLS
 * servers must share the same certificate.
 */
public final class GreenMailTls {

	private static final TestCertificates.Issued CERTIFICATE = install(TestCertificates.selfSignedRsa("mail.virtual"));

	private GreenMailTls() {
	}

	/** @return the certificate GreenMail's TLS servers present ({@code CN=mail.virtual}) */
	public static TestCertificates.Issued certificate() {
		return CERTIFICATE;
	}

	private static TestCertificates.Issued install(TestCertificates.Issued certificate) {
		try {
			Path keyStore = Files.createTempFile("greenmail-mail-virtual", ".p12");
			try (OutputStream out = Files.newOutputStream(keyStore)) {
				certificate.keyStore().store(out, "changeit".toCharArray());
			}
			keyStore.toFile().deleteOnExit();
			System.setProperty("greenmail.tls.keystore.file", keyStore.toString());
			System.setProperty("greenmail.tls.keystore.password", "changeit");
			System.setProperty("greenmail.tls.key.password", "changeit");
			return certificate;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
