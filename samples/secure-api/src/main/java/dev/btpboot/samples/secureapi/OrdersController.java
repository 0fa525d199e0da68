package dev.btpboot.samples.secureapi;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * An on-premise HTTP call: the ERP system's virtual host exists only in the Cloud Connector, so
 * the auto-configured {@link RestClient.Builder} routes it through the connectivity proxy
 * ({@code btp.connectivity.http.hosts}) with the proxy token and the location id.
 */
@RestController
class OrdersController {

	private final RestClient erp;

	OrdersController(RestClient.Builder builder, @Value("${erp.url:http://erp.virtual:44300}") String erpUrl) {
		this.erp = builder.baseUrl(erpUrl).build();
	}

	@GetMapping("/api/orders")
	@PreAuthorize("hasAuthority('Viewer')")
	String orders() {
		return this.erp.get().uri("/sap/opu/odata/sap/API_SALES_ORDER_SRV/A_SalesOrder").retrieve().body(String.class);
	}

	/** Locally there is no connectivity proxy, so the virtual host cannot be reached. */
	@ExceptionHandler(RestClientException.class)
	ResponseEntity<String> erpUnreachable(RestClientException ex) {
		return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
			.body("The on-premise ERP system is not reachable: bind a connectivity service (see docs/connectivity.md).");
	}

}
