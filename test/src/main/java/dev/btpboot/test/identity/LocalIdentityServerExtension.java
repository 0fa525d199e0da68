package dev.btpboot.test.identity;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts the {@link LocalIdentityServer} of a {@link WithLocalIdentityServer} test class and
 * passes it to test methods and constructors that ask for one.
 */
public class LocalIdentityServerExtension implements BeforeAllCallback, ParameterResolver {

	@Override
	public void beforeAll(ExtensionContext context) {
		server(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == LocalIdentityServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return server(extensionContext);
	}

	private static LocalIdentityServer server(ExtensionContext context) {
		WithLocalIdentityServer settings = AnnotationSupport
			.findAnnotation(context.getRequiredTestClass(), WithLocalIdentityServer.class)
			.orElseThrow(() -> new IllegalStateException(
					"Annotate the test class with @WithLocalIdentityServer to use a LocalIdentityServer"));
		return LocalIdentityServer.shared(settings.xsappname());
	}

}
