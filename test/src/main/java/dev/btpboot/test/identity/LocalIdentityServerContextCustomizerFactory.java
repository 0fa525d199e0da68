package dev.btpboot.test.identity;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Puts the {@code VCAP_SERVICES} of a {@link WithLocalIdentityServer} test first among the
 * property sources of its application context. The settings are part of the context's cache
 * key, so contexts bound to different servers are never mixed up.
 */
class LocalIdentityServerContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		WithLocalIdentityServer settings = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				WithLocalIdentityServer.class);
		return (settings != null) ? new Customizer(settings.xsuaa(), settings.identity(), settings.xsappname()) : null;
	}

	private record Customizer(boolean xsuaa, boolean identity, String xsAppName) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			LocalIdentityServer server = LocalIdentityServer.shared(this.xsAppName);
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("localIdentityServer",
						Map.of("VCAP_SERVICES", server.vcapServices(this.xsuaa, this.identity))));
			context.getBeanFactory().registerSingleton("localIdentityServer", server);
		}

	}

}
