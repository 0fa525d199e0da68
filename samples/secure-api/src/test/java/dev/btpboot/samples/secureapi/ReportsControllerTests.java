package dev.btpboot.samples.secureapi;

import org.junit.jupiter.api.Test;

import dev.btpboot.test.security.BtpSecurityAssertions;
import dev.btpboot.test.security.WithMockBtpUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The test class docs/testing.md shows, as a user writes it for this application. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("dev")
class ReportsControllerTests {

	@Autowired
	MockMvc mvc;

	@Test
	@WithMockBtpUser("viewer")
	void viewerReadsReports() throws Exception {
		this.mvc.perform(get("/api/reports"))
			.andExpect(status().isOk())
			.andExpect(content().json("[\"revenue-2026-q3\", \"headcount-2026-q3\"]"));
	}

	@Test
	@WithMockBtpUser("viewer")
	void viewerCannotReadSettings() throws Exception {
		this.mvc.perform(get("/api/admin/settings")).andExpect(status().isForbidden());
	}

	@Test
	@WithMockBtpUser("admin")
	void adminReadsSettings() throws Exception {
		this.mvc.perform(get("/api/admin/settings")).andExpect(status().isOk());
	}

	@Test
	void anonymousRequestsAreRefused() throws Exception {
		this.mvc.perform(get("/api/reports")).andExpect(status().isUnauthorized());
	}

	@Test
	void noEndpointIsOpenByAccident(@Autowired ApplicationContext context) {
		BtpSecurityAssertions.assertNoOpenEndpoints(context);
	}

}
