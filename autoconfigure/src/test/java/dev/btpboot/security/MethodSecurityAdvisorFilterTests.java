package dev.btpboot.security;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.junit.jupiter.api.Test;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.ClassMetadata;
import org.springframework.core.type.classreading.CachingMetadataReaderFactory;
import org.springframework.security.access.annotation.Secured;
import org.springframework.security.access.prepost.PostAuthorize;
import org.springframework.security.access.prepost.PostFilter;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.access.prepost.PreFilter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authorization.method.AuthorizeReturnObject;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The advisors of the starter's method security pass over classes without method security
 * annotations at start-up, and match every other class exactly as Spring Security's own do.
 */
class MethodSecurityAdvisorFilterTests {

	/** Secured classes in every way Spring Security's pointcuts find annotations. */
	private static final List<Class<?>> SECURED = List.of(PreAuthorizeOnMethod.class, PostAuthorizeOnMethod.class,
			PreFilterOnMethod.class, PostFilterOnMethod.class, SecuredOnClass.class, RolesAllowedOnInterfaceMethod.class,
			PermitAllOnInterface.class, RolesAllowedThroughSubInterface.class, DenyAllOnSuperclassMethod.class, MetaAnnotatedMethod.class,
			MetaMetaAnnotatedMethod.class, GenericRepositoryOfStrings.class, AuthorizeReturnObjectOnMethod.class);

	/** How Spring Security refuses a call without authentication (depending on the annotation). */
	@SuppressWarnings("unchecked")
	private static final Class<? extends Throwable>[] REFUSED = new Class[] {
			AuthenticationCredentialsNotFoundException.class, AccessDeniedException.class };

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MethodSecurityAutoConfiguration.class))
		.withBean(MetaAnnotatedMethod.class)
		.withBean(RolesAllowedThroughSubInterface.class)
		.withBean(DenyAllOnSuperclassMethod.class)
		.withBean(Unsecured.class);

	/**
	 * The filter knows Spring Security's annotations by name. An upgrade that adds an annotation to
	 * the packages where method security annotations live fails here instead of leaving classes that
	 * carry only the new one unsecured.
	 */
	@Test
	void everyMethodSecurityAnnotationOnTheClassPathIsKnownToTheFilter() throws Exception {
		List<String> notPointcutTriggers = List.of(
				"org.springframework.security.authorization.method.HandleAuthorizationDenied",
				"jakarta.annotation.security.DeclareRoles", "jakarta.annotation.security.RunAs");
		PathMatchingResourcePatternResolver resources = new PathMatchingResourcePatternResolver();
		CachingMetadataReaderFactory readers = new CachingMetadataReaderFactory(resources);
		List<String> annotations = new ArrayList<>();
		for (String location : List.of("org/springframework/security/access/prepost",
				"org/springframework/security/access/annotation", "org/springframework/security/authorization/method",
				"jakarta/annotation/security")) {
			for (Resource resource : resources.getResources("classpath*:" + location + "/*.class")) {
				ClassMetadata type = readers.getMetadataReader(resource).getClassMetadata();
				if (type.isAnnotation()) {
					annotations.add(type.getClassName());
				}
			}
		}
		assertThat(annotations).contains("org.springframework.security.access.prepost.PreAuthorize",
				"jakarta.annotation.security.RolesAllowed");
		assertThat(annotations).allSatisfy((annotation) -> assertThat(
				MethodSecurityAdvisorFilter.SECURITY_ANNOTATIONS.contains(annotation)
						|| notPointcutTriggers.contains(annotation))
			.as("%s is known to MethodSecurityAdvisorFilter", annotation)
			.isTrue());
	}

	@Test
	void everyAdvisorOfSpringSecuritysMethodSecurityIsFiltered() {
		this.runner.run((context) -> {
			Map<String, Advisor> advisors = filteredAdvisors(context);
			assertThat(advisors).containsOnlyKeys("preFilterAuthorizationAdvisor", "preAuthorizeAuthorizationAdvisor",
					"postFilterAuthorizationAdvisor", "postAuthorizeAuthorizationAdvisor", "securedAuthorizationAdvisor",
					"jsr250AuthorizationAdvisor", "authorizeReturnObjectAdvisor");
		});
	}

	@Test
	void eachAdvisorMatchesTheSameClassesAsSpringSecuritysOwn() {
		this.runner.run((context) -> assertThat(assertSameMatchesAsSpringSecuritysOwn(context)).containsAll(SECURED));
	}

	@Test
	void inAReactiveApplicationEachAdvisorMatchesTheSameClassesAsSpringSecuritysOwn() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MethodSecurityAutoConfiguration.class))
			.run((context) -> {
				assertThat(filteredAdvisors(context)).containsOnlyKeys("preFilterAuthorizationAdvisor",
						"preAuthorizeAuthorizationAdvisor", "postFilterAuthorizationAdvisor",
						"postAuthorizeAuthorizationAdvisor", "authorizeReturnObjectAdvisor");
				assertThat(assertSameMatchesAsSpringSecuritysOwn(context)).contains(PreAuthorizeOnMethod.class,
						PostAuthorizeOnMethod.class, PreFilterOnMethod.class, PostFilterOnMethod.class,
						MetaAnnotatedMethod.class, MetaMetaAnnotatedMethod.class, GenericRepositoryOfStrings.class,
						AuthorizeReturnObjectOnMethod.class);
			});
	}

	@Test
	void classesWithoutMethodSecurityAnnotationsArePassedOver() {
		MethodSecurityAdvisorFilter filter = new MethodSecurityAdvisorFilter();
		assertThat(SECURED).allMatch(filter::mayBeSecured);
		assertThat(List.of(Unsecured.class, Object.class, DispatcherServlet.class, RequestMappingHandlerAdapter.class))
			.noneMatch(filter::mayBeSecured);
	}

	@Test
	void beansWithAnnotationsFoundThroughInterfacesSuperclassesAndMetaAnnotationsAreSecured() {
		this.runner.run((context) -> {
			assertThat(AopUtils.isAopProxy(context.getBean(Unsecured.class))).isFalse();
			// Without an authentication in the context: refused before the method runs
			assertThatThrownBy(() -> context.getBean(MetaAnnotatedMethod.class).call()).isInstanceOfAny(REFUSED);
			assertThatThrownBy(() -> context.getBean(SubInterfaceOfRolesAllowed.class).call()).isInstanceOfAny(REFUSED);
			assertThatThrownBy(() -> context.getBean(DenyAllOnSuperclassMethod.class).call()).isInstanceOfAny(REFUSED);
		});
	}

	/**
	 * For the secured fixtures, the context's beans and a few others: each advisor decides as Spring
	 * Security's. Returns the classes some advisor matches.
	 */
	private static Set<Class<?>> assertSameMatchesAsSpringSecuritysOwn(ApplicationContext context) {
		Set<Class<?>> classes = new LinkedHashSet<>(SECURED);
		classes.addAll(List.of(Unsecured.class, Object.class, String.class, ArrayList.class, DispatcherServlet.class,
				RequestMappingHandlerAdapter.class));
		for (String name : context.getBeanDefinitionNames()) {
			Class<?> type = context.getType(name);
			if (type != null) {
				classes.add(type);
			}
		}
		Set<Class<?>> matched = new LinkedHashSet<>();
		for (Advisor advisor : filteredAdvisors(context).values()) {
			Advisor springSecuritys = ((MethodSecurityAdvisorFilter.FilteredAdvisor) advisor).advisor();
			for (Class<?> type : classes) {
				boolean matches = AopUtils.canApply(springSecuritys, type);
				assertThat(AopUtils.canApply(advisor, type)).as("%s on %s", advisor, type).isEqualTo(matches);
				if (matches) {
					matched.add(type);
				}
			}
		}
		assertThat(matched).doesNotContain(Unsecured.class, DispatcherServlet.class);
		return matched;
	}

	private static Map<String, Advisor> filteredAdvisors(ApplicationContext context) {
		Map<String, Advisor> advisors = new TreeMap<>(context.getBeansOfType(Advisor.class));
		advisors.values().removeIf((advisor) -> !(advisor instanceof MethodSecurityAdvisorFilter.FilteredAdvisor));
		return advisors;
	}

	@Retention(RetentionPolicy.RUNTIME)
	@PreAuthorize("hasAuthority('Admin')")
	@interface IsAdmin {

	}

	@Retention(RetentionPolicy.RUNTIME)
	@IsAdmin
	@interface IsSuperAdmin {

	}

	static class Unsecured {

		String call() {
			return "open";
		}

	}

	static class PreAuthorizeOnMethod {

		@PreAuthorize("hasAuthority('Admin')")
		public String call() {
			return "pre";
		}

	}

	static class PostAuthorizeOnMethod {

		@PostAuthorize("hasAuthority('Admin')")
		public String call() {
			return "post";
		}

	}

	static class PreFilterOnMethod {

		@PreFilter("filterObject != 'secret'")
		public List<String> call(List<String> values) {
			return values;
		}

	}

	static class PostFilterOnMethod {

		@PostFilter("filterObject != 'secret'")
		public List<String> call() {
			return new ArrayList<>(List.of("open", "secret"));
		}

	}

	@Secured("Admin")
	static class SecuredOnClass {

		public String call() {
			return "secured";
		}

	}

	interface RolesAllowedOnInterface {

		@RolesAllowed("Admin")
		String call();

	}

	static class RolesAllowedOnInterfaceMethod implements RolesAllowedOnInterface {

		@Override
		public String call() {
			return "jsr250";
		}

	}

	interface SubInterfaceOfRolesAllowed extends RolesAllowedOnInterface {

	}

	static class RolesAllowedThroughSubInterface implements SubInterfaceOfRolesAllowed {

		@Override
		public String call() {
			return "jsr250 too";
		}

	}

	@PermitAll
	interface PermitAllInterface {

		String call();

	}

	static class PermitAllOnInterface implements PermitAllInterface {

		@Override
		public String call() {
			return "permitted";
		}

	}

	static class DenyAllSuperclass {

		@DenyAll
		public String call() {
			return "denied";
		}

	}

	static class DenyAllOnSuperclassMethod extends DenyAllSuperclass {

		@Override
		public String call() {
			return "still denied";
		}

	}

	static class MetaAnnotatedMethod {

		@IsAdmin
		public String call() {
			return "meta";
		}

	}

	static class MetaMetaAnnotatedMethod {

		@IsSuperAdmin
		public String call() {
			return "meta-meta";
		}

	}

	interface Repository<T> {

		@PreAuthorize("hasAuthority('Admin')")
		T save(T value);

	}

	static class GenericRepositoryOfStrings implements Repository<String> {

		@Override
		public String save(String value) {
			return value;
		}

	}

	record Document(String text) {
	}

	static class AuthorizeReturnObjectOnMethod {

		@AuthorizeReturnObject
		public Document call() {
			return new Document("text");
		}

	}

}
