package dev.btpboot.security.certificate;

import java.util.List;

import dev.btpboot.security.reactive.ReactiveTestApplication;

import org.springframework.boot.web.context.reactive.StandardReactiveWebEnvironment;
import org.springframework.core.env.ConfigurableEnvironment;

/** Whose forwarded client certificate counts, through Reactor Netty. */
class ReactiveForwardedClientCertificateHttpTests extends AbstractForwardedClientCertificateHttpTests {

	@Override
	Class<?> application() {
		return ReactiveTestApplication.class;
	}

	@Override
	ConfigurableEnvironment environment() {
		return new StandardReactiveWebEnvironment();
	}

	@Override
	List<String> stackProperties() {
		return List.of("spring.main.web-application-type=reactive");
	}

}
