package dev.btpboot;

import java.util.ArrayList;
import java.util.List;

import com.sap.cloud.security.xsuaa.tokenflows.XsuaaTokenFlows;
import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.connectivity.socks.ConnectivitySocketFactory;
import dev.btpboot.token.TokenProvider;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every auto-configuration the starter lists, together with Spring Boot's security: which beans
 * appear with all four OAuth services bound, and that a start without any binding works.
 */
class StarterAutoConfigurationTests {

	private static final String ALL_SERVICES = """
			VCAP_SERVICES={
			 "xsuaa": [{"name": "app-uaa", "label": "xsuaa", "plan": "application", "tags": ["xsuaa"], "credentials": {
			   "clientid": "sb-app!t1", "clientsecret": "xsuaa-secret", "url": "https://acme.authentication.example.com",
			   "uaadomain": "authentication.example.com", "xsappname": "app!t1"}}],
			 "identity": [{"name": "app-ias", "label": "identity", "plan": "application", "credentials": {
			   "clientid": "ias-client", "clientsecret": "ias-secret", "url": "https://acme.accounts.example.com",
			   "domains": ["accounts.example.com"]}}],
			 "connectivity": [{"name": "app-connectivity", "label": "connectivity", "plan": "lite", "credentials": {
			   "clientid": "sb-conn", "clientsecret": "conn-secret", "token_service_url": "https://acme.authentication.example.com",
			   "onpremise_proxy_host": "connectivityproxy.internal.example.com", "onpremise_proxy_http_port": "20003",
			   "onpremise_socks5_proxy_port": "20004"}}],
			 "destination": [{"name": "app-destination", "label": "destination", "plan": "lite", "credentials": {
			   "clientid": "sb-dest", "clientsecret": "dest-secret", "url": "https://acme.authentication.example.com",
			   "uri": "https://destination-configuration.example.com"}}]}""".replace("\n", " ");

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(starterAutoConfigurations()))
		.withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
				OAuth2ResourceServerAutoConfiguration.class, OAuth2ResourceServerWebSecurityAutoConfiguration.class))
		.withPropertyValues("btp.bindings.kubernetes-root=/nonexistent");

	private static Class<?>[] starterAutoConfigurations() {
		List<Class<?>> classes = new ArrayList<>();
		ImportCandidates.load(AutoConfiguration.class, StarterAutoConfigurationTests.class.getClassLoader())
			.forEach((name) -> {
				if (!name.startsWith("dev.btpboot.")) {
					return;
				}
				try {
					classes.add(Class.forName(name));
				}
				catch (ClassNotFoundException ex) {
					throw new IllegalStateException("listed but missing: " + name, ex);
				}
			});
		return classes.toArray(new Class<?>[0]);
	}

	@Test
	void everyListedAutoConfigurationExists() {
		assertThat(starterAutoConfigurations()).extracting(Class::getPackageName)
			.contains("dev.btpboot.binding", "dev.btpboot.token", "dev.btpboot.security",
					"dev.btpboot.security.servlet", "dev.btpboot.security.reactive", "dev.btpboot.security.jwt.servlet",
					"dev.btpboot.security.jwt.reactive", "dev.btpboot.security.mock.servlet",
					"dev.btpboot.security.mock.reactive", "dev.btpboot.connectivity", "dev.btpboot.connectivity.socks",
					"dev.btpboot.connectivity.http");
	}

	@Test
	void allServicesBoundGivesTokensJwtSecurityAndConnectivity() {
		this.runner.withPropertyValues(ALL_SERVICES).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(ServiceBindings.class).all()).hasSize(4);
			assertThat(context.getBeansOfType(TokenProvider.class)).containsOnlyKeys("xsuaaTokenProvider",
					"identityTokenProvider", "connectivityTokenProvider", "destinationTokenProvider");
			assertThat(context.getBeansOfType(XsuaaTokenFlows.class)).containsOnlyKeys("xsuaaTokenFlows",
					"connectivityTokenFlows", "destinationTokenFlows");
			assertThat(context).hasBean("btpSecurityFilterChain").hasSingleBean(JwtDecoder.class);
			assertThat(context).doesNotHaveBean("btpMockUsersAuthenticationProvider");
			assertThat(context).hasSingleBean(ConnectivitySocketFactory.class);
		});
	}

	@Test
	void noBindingStartsWithMockUsersAndNothingThatNeedsABinding() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(ServiceBindings.class).all()).isEmpty();
			assertThat(context).doesNotHaveBean(TokenProvider.class)
				.doesNotHaveBean(XsuaaTokenFlows.class)
				.doesNotHaveBean(JwtDecoder.class)
				.doesNotHaveBean(ConnectivitySocketFactory.class);
			assertThat(context).hasBean("btpSecurityFilterChain").hasBean("btpMockUsersAuthenticationProvider");
			assertThat(context.getBeansOfType(SecurityFilterChain.class)).containsOnlyKeys("btpSecurityFilterChain");
		});
	}

}
