package dev.btpboot.test;

import org.junit.jupiter.api.Test;

import dev.btpboot.security.BtpUser;
import dev.btpboot.test.security.WithMockBtpUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code @WithMockBtpUser} and Spring Security's {@code @WithMockUser} with the starter's chain and MockMvc. */
@SpringBootTest(properties = { "btp.security.mock.users.viewer.roles=Viewer",
		"btp.security.mock.users.viewer.tenant=tenant-v", "btp.security.mock.users.viewer.attributes.region=eu,us",
		"btp.security.mock.users.reporting-client.roles=Viewer" })
@AutoConfigureMockMvc
class WithMockBtpUserTests {

	@Autowired
	MockMvc mvc;

	@Test
	@WithMockBtpUser("viewer")
	void mockBtpUserComesFromTheConfiguration() throws Exception {
		this.mvc.perform(get("/me")).andExpect(status().isOk())
			.andExpect(content().string("viewer|tenant-v|[Viewer]|{region=[eu, us]}"));
		this.mvc.perform(get("/viewer")).andExpect(status().isOk());
	}

	@Test
	@WithMockBtpUser("system")
	void defaultUsersExistToo() throws Exception {
		this.mvc.perform(get("/me")).andExpect(status().isOk())
			.andExpect(content().string("system|null|[system-user]|{}"));
		this.mvc.perform(get("/viewer")).andExpect(status().isForbidden());
	}

	@Test
	@WithMockBtpUser(value = "reporting-client", technical = true)
	void aMockUserCanBeATechnicalCaller() throws Exception {
		assertThat(BtpUser.current()).hasValueSatisfying((user) -> {
			assertThat(user.name()).isEqualTo("reporting-client");
			assertThat(user.technical()).isTrue();
		});
		this.mvc.perform(get("/me")).andExpect(status().isOk())
			.andExpect(content().string("reporting-client|null|[Viewer]|{}"));
		this.mvc.perform(get("/viewer")).andExpect(status().isOk());
	}

	@Test
	@WithMockBtpUser("viewer")
	void aMockUserIsABusinessUserByDefault() {
		assertThat(BtpUser.current()).hasValueSatisfying((user) -> assertThat(user.technical()).isFalse());
	}

	@Test
	@WithMockUser(authorities = "Viewer")
	void withMockUserWorksWithTheChain() throws Exception {
		this.mvc.perform(get("/viewer")).andExpect(status().isOk());
	}

	@Test
	@WithMockUser
	void withMockUserWithoutAuthorityIsForbidden() throws Exception {
		this.mvc.perform(get("/viewer")).andExpect(status().isForbidden());
	}

	@Test
	void withoutUserIsUnauthorized() throws Exception {
		this.mvc.perform(get("/viewer"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Basic realm=")));
	}

}
