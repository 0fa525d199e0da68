package dev.btpboot.samples.secureapi;

import org.junit.jupiter.api.Test;

import dev.btpboot.test.identity.LocalIdentityServer;
import dev.btpboot.test.identity.WithLocalIdentityServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The JWT test class of docs/testing.md: bound to a local XSUAA and IAS, as the application runs in the cloud. */
@WithLocalIdentityServer(identity = true)
@SpringBootTest
@AutoConfigureMockMvc
class ReportsControllerJwtTests {

	@Autowired
	MockMvc mvc;

	@Test
	void anXsuaaScopeDecidesAccess(LocalIdentityServer server) throws Exception {
		String viewer = server.xsuaaToken().user("vera").scopes("Viewer").build();
		this.mvc.perform(get("/api/reports").header("Authorization", "Bearer " + viewer)).andExpect(status().isOk());
		this.mvc.perform(get("/api/admin/settings").header("Authorization", "Bearer " + viewer))
			.andExpect(status().isForbidden());
	}

	@Test
	void anIasGroupDecidesAccess(LocalIdentityServer server) throws Exception {
		String admin = server.iasToken().user("ada@example.com").groups("Viewer", "Admin").tenant("tenant-2").build();
		this.mvc.perform(get("/api/me").header("Authorization", "Bearer " + admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("ada@example.com"))
			.andExpect(jsonPath("$.tenant").value("tenant-2"));
	}

}
