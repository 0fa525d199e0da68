package dev.btpboot.test;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The {@code @WebMvcTest} slice includes the starter's chain, so {@code @WithMockUser} meets the same rules. */
@WebMvcTest(TestApplication.TestController.class)
class WebMvcSliceTests {

	@Autowired
	MockMvc mvc;

	@Test
	@WithMockUser(authorities = "Viewer")
	void withMockUserIsAuthorized() throws Exception {
		this.mvc.perform(get("/viewer")).andExpect(status().isOk());
	}

	@Test
	@WithMockUser(authorities = "Other")
	void missingAuthorityIsForbidden() throws Exception {
		this.mvc.perform(get("/viewer")).andExpect(status().isForbidden());
	}

	@Test
	void anonymousGetsTheStartersBasicChallenge() throws Exception {
		this.mvc.perform(get("/viewer"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", startsWith("Basic realm=\"btp-spring-boot")));
	}

}
