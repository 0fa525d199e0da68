package dev.btpboot.samples.saasapi;

import dev.btpboot.destination.http.DestinationClients;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.client.RestClient;

/**
 * A multitenant application (SaaS) without CAP: subscribers subscribe through the SAP SaaS
 * Provisioning service, whose callbacks the starter serves and passes to
 * {@link TenantOnboarding}; each subscriber's users reach their own backend through the
 * destination {@code backend} of their subaccount; a job runs for every subscribed tenant. Locally
 * (profile {@code local}) two mock tenants stand in for subscribers.
 */
@SpringBootApplication
@EnableScheduling
public class SaasApiApplication {

	/** The destination each subscriber defines in its subaccount for its backend. */
	static final String BACKEND = "backend";

	public static void main(String[] args) {
		SpringApplication.run(SaasApiApplication.class, args);
	}

	/**
	 * One client for every tenant, made at start-up: each request goes to the backend of the
	 * destination of the tenant of the current request (or of {@code runAs}).
	 */
	@Bean
	@ConditionalOnBean(DestinationClients.class)
	RestClient backendClient(DestinationClients destinations) {
		return destinations.restClient(BACKEND).build();
	}

}
