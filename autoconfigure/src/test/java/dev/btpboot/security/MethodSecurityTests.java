package dev.btpboot.security;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authorization.method.AuthorizationAdvisorProxyFactory;
import org.springframework.test.web.servlet.MockMvc;

import static dev.btpboot.security.HttpClients.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Method security is on without {@code @EnableMethodSecurity}, and steps aside for an application
 * that configures it itself or opts out.
 */
class MethodSecurityTests {

	static final String USERS_VIEWER = "btp.security.mock.users.viewer.password=viewer-pass";

	static final String USERS_VIEWER_ROLES = "btp.security.mock.users.viewer.roles=Viewer";

	static final String USERS_ADMIN = "btp.security.mock.users.admin.password=admin-pass";

	static final String USERS_ADMIN_ROLES = "btp.security.mock.users.admin.roles=Admin";

	@Nested
	@SpringBootTest(classes = MethodSecurityTestApplication.class,
			properties = { USERS_VIEWER, USERS_VIEWER_ROLES, USERS_ADMIN, USERS_ADMIN_ROLES })
	@AutoConfigureMockMvc
	class WithoutEnableMethodSecurity {

		@Autowired
		MockMvc mvc;

		@Test
		void aViewerIsForbiddenOnAnAdminEndpoint() throws Exception {
			for (String path : new String[] { "/admin/pre", "/admin/post", "/admin/secured", "/admin/jsr250" }) {
				this.mvc.perform(get(path).header("Authorization", basic("viewer", "viewer-pass")))
					.andExpect(status().isForbidden());
			}
		}

		@Test
		void anAdminIsAllowed() throws Exception {
			for (String path : new String[] { "/admin/pre", "/admin/post", "/admin/secured" }) {
				this.mvc.perform(get(path).header("Authorization", basic("admin", "admin-pass")))
					.andExpect(status().isOk())
					.andExpect(content().string(path.substring("/admin/".length())));
			}
		}

	}

	@Nested
	@SpringBootTest(classes = MethodSecurityTestApplication.class,
			properties = { USERS_VIEWER, USERS_VIEWER_ROLES, "btp.security.method-security.enabled=false" })
	@AutoConfigureMockMvc
	class OptedOut {

		@Autowired
		MockMvc mvc;

		@Autowired
		ApplicationContext context;

		@Test
		void annotationsAreNotEnforced() throws Exception {
			assertThat(this.context.getBeanNamesForType(AuthorizationAdvisorProxyFactory.class)).isEmpty();
			this.mvc.perform(get("/admin/pre").header("Authorization", basic("viewer", "viewer-pass")))
				.andExpect(status().isOk());
		}

	}

	/** {@link SecurityTestApplication} declares {@code @EnableMethodSecurity} (pre/post only). */
	@Nested
	@SpringBootTest(classes = SecurityTestApplication.class, properties = { USERS_VIEWER, USERS_VIEWER_ROLES })
	@AutoConfigureMockMvc
	class WithTheApplicationsOwnEnableMethodSecurity {

		@Autowired
		MockMvc mvc;

		@Autowired
		ApplicationContext context;

		@Test
		void theApplicationsConfigurationIsTheOnlyOne() throws Exception {
			assertThat(this.context.getBeanNamesForType(MethodSecurityAutoConfiguration.class)).isEmpty();
			assertThat(this.context.getBeanNamesForType(AuthorizationAdvisorProxyFactory.class)).hasSize(1);
			this.mvc.perform(get("/viewer").header("Authorization", basic("viewer", "viewer-pass")))
				.andExpect(status().isOk());
			this.mvc.perform(get("/viewer").header("Authorization", basic("authenticated", "")))
				.andExpect(status().isForbidden());
			// The application left @Secured off; the starter does not switch it on behind its back.
			this.mvc.perform(get("/secured").header("Authorization", basic("viewer", "viewer-pass")))
				.andExpect(status().isOk());
		}

	}

}
