package dev.btpboot.security.certificate;

import dev.btpboot.security.SecurityTestApplication;

import org.springframework.boot.test.context.SpringBootTest;

/** Client certificates with mock users, through embedded Tomcat. */
@SpringBootTest(classes = SecurityTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "btp.security.client-certificates.sender.subject=CN=local-sender",
				"btp.security.client-certificates.sender.roles=Viewer",
				"btp.security.mock.users.viewer.password=viewer-pass", "btp.security.mock.users.viewer.roles=Viewer" })
class ClientCertificateMockModeHttpTests extends AbstractClientCertificateMockModeHttpTests {

}
