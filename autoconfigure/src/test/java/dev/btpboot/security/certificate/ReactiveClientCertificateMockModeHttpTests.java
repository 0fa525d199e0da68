package dev.btpboot.security.certificate;

import dev.btpboot.security.reactive.ReactiveTestApplication;

import org.springframework.boot.test.context.SpringBootTest;

/** Client certificates with mock users, through Reactor Netty. */
@SpringBootTest(classes = ReactiveTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
				"btp.security.client-certificates.sender.subject=CN=local-sender",
				"btp.security.client-certificates.sender.roles=Viewer",
				"btp.security.mock.users.viewer.password=viewer-pass", "btp.security.mock.users.viewer.roles=Viewer" })
class ReactiveClientCertificateMockModeHttpTests extends AbstractClientCertificateMockModeHttpTests {

}
