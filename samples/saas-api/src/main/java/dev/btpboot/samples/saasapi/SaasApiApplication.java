package dev.btpboot.samples.saasapi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A multitenant application (SaaS) without CAP: subscribers subscribe through the SAP SaaS
 * Provisioning service, whose callbacks the starter serves and passes to
 * {@link TenantOnboarding}; each subscriber's users reach their own backend through the
 * destination {@code backend} of their subaccount and keep their notes in a PostgreSQL schema of
 * their own; a job runs for every subscribed tenant. Locally (profile {@code dev}) two mock tenants
 * stand in for subscribers.
 */
@SpringBootApplication
@EnableScheduling
public class SaasApiApplication {

	public static void main(String[] args) {
		SpringApplication.run(SaasApiApplication.class, args);
	}

}
