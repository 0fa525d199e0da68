package dev.btpboot.security;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.web.servlet.MockMvc;

import static dev.btpboot.security.HttpClients.basic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code @AuthenticationPrincipal BtpUser} and {@link BtpUser#current()} work with any
 * authentication, not only with the starter's own: name, authorities as roles, no tenant.
 */
@SpringBootTest(classes = SecurityTestApplication.class,
		properties = { "btp.security.mock.users.viewer.password=viewer-pass",
				"btp.security.mock.users.viewer.roles=Viewer", "btp.security.mock.users.viewer.tenant=t1" })
@AutoConfigureMockMvc
@Import(BtpUserOfAnyAuthenticationTests.TestUsers.class)
class BtpUserOfAnyAuthenticationTests {

	@Autowired
	MockMvc mvc;

	@Test
	@WithMockUser(username = "alice", authorities = { "Viewer", "Admin" })
	void withMockUserIsABtpUser() throws Exception {
		this.mvc.perform(get("/me")).andExpect(status().isOk()).andExpect(content().string("alice|null|[Admin, Viewer]"));
		this.mvc.perform(get("/me/current")).andExpect(content().string("alice"));
		this.mvc.perform(get("/me/principal")).andExpect(content().string("alice"));
	}

	@Test
	@WithUserDetails(value = "carol", userDetailsServiceBeanName = "testUserDetails")
	void withUserDetailsIsABtpUser() throws Exception {
		this.mvc.perform(get("/me")).andExpect(status().isOk()).andExpect(content().string("carol|null|[Auditor]"));
	}

	@Test
	void anyAuthenticationIsABtpUser() throws Exception {
		this.mvc.perform(get("/me").with(authentication(new TestingAuthenticationToken("bob", null, "Viewer"))))
			.andExpect(status().isOk())
			.andExpect(content().string("bob|null|[Viewer]"));
	}

	@Test
	void aMockUserStaysItsOwnBtpUserAndNamesThePrincipal() throws Exception {
		this.mvc.perform(get("/me").header("Authorization", basic("viewer", "viewer-pass")))
			.andExpect(content().string("viewer|t1|[Viewer]"));
		this.mvc.perform(get("/me/principal").header("Authorization", basic("viewer", "viewer-pass")))
			.andExpect(content().string("viewer"));
		this.mvc.perform(get("/me/current").header("Authorization", basic("viewer", "viewer-pass")))
			.andExpect(content().string("viewer"));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TestUsers {

		@Bean
		UserDetailsService testUserDetails() {
			return new InMemoryUserDetailsManager(
					User.withUsername("carol").password("{noop}carol-pass").authorities("Auditor").build());
		}

	}

}
