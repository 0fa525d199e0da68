package dev.btpboot.security;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.aopalliance.aop.Advice;

import org.springframework.aop.ClassFilter;
import org.springframework.aop.MethodMatcher;
import org.springframework.aop.Pointcut;
import org.springframework.aop.PointcutAdvisor;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.type.MethodMetadata;

/**
 * Makes the advisors of the method security the starter switches on cheap for the many beans that
 * carry none of their annotations. Spring's auto-proxy creator asks each of the seven advisors
 * {@code @EnableMethodSecurity} registers, for every bean, whether its pointcut matches a method
 * of the bean's class: seven walks over every method of the class hierarchy with merged-annotation
 * look-ups, measured at about a tenth of the start-up CPU time of a small web application. This
 * post-processor puts one check in front of each advisor's own pointcut: which annotation types a
 * type declares on itself and on its methods, read once per type and shared by all advisors. A class
 * none of whose superclasses and interfaces declares a method security annotation (directly or as a
 * meta-annotation) cannot match any of these pointcuts and is passed over; every other class goes to
 * the advisor's own pointcut, so what is secured, and how, stays Spring Security's decision.
 * <p>
 * Only the advisors of Spring Security's own method security configuration are filtered (their
 * pointcuts match exactly these annotations, on the class or a method, inherited or meta-present);
 * an advisor of the application, or an interceptor it declares in their place, is left as it is.
 */
final class MethodSecurityAdvisorFilter implements BeanPostProcessor, PriorityOrdered, BeanFactoryAware {

	/** The advisors {@code @EnableMethodSecurity} registers, each wrapping a bean {@code <prefix>MethodInterceptor}. */
	private static final Map<String, String> INTERCEPTOR_OF_ADVISOR = Map.of(
			"preFilterAuthorizationAdvisor", "preFilterAuthorizationMethodInterceptor",
			"preAuthorizeAuthorizationAdvisor", "preAuthorizeAuthorizationMethodInterceptor",
			"postFilterAuthorizationAdvisor", "postFilterAuthorizationMethodInterceptor",
			"postAuthorizeAuthorizationAdvisor", "postAuthorizeAuthorizationMethodInterceptor",
			"securedAuthorizationAdvisor", "securedAuthorizationMethodInterceptor",
			"jsr250AuthorizationAdvisor", "jsr250AuthorizationMethodInterceptor",
			"authorizeReturnObjectAdvisor", "authorizeReturnObjectMethodInterceptor");

	private static final String SPRING_SECURITY_CONFIGURATION = "org.springframework.security.config.annotation.method.configuration.";

	/**
	 * Every annotation one of those advisors' pointcuts looks for (by name: JSR-250's are optional on
	 * the class path).
	 */
	static final List<String> SECURITY_ANNOTATIONS = List.of(
			"org.springframework.security.access.prepost.PreFilter",
			"org.springframework.security.access.prepost.PreAuthorize",
			"org.springframework.security.access.prepost.PostFilter",
			"org.springframework.security.access.prepost.PostAuthorize",
			"org.springframework.security.access.annotation.Secured",
			"org.springframework.security.authorization.method.AuthorizeReturnObject",
			"jakarta.annotation.security.RolesAllowed", "jakarta.annotation.security.DenyAll",
			"jakarta.annotation.security.PermitAll");

	/** Per class asked about (seven times, once per advisor): whether it may be secured. */
	private final Map<Class<?>, Boolean> mayBeSecured = new ConcurrentHashMap<>();

	/** Per type: whether it declares a security annotation on itself or on one of its own methods. */
	private final Map<Class<?>, Boolean> declaresSecurity = new ConcurrentHashMap<>();

	/** Per annotation type: whether it is a security annotation or carries one as meta-annotation. */
	private final Map<Class<? extends Annotation>, Boolean> isSecurity = new ConcurrentHashMap<>();

	private ConfigurableListableBeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (beanFactory instanceof ConfigurableListableBeanFactory listable) ? listable : null;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof PointcutAdvisor advisor && isSpringSecurityAdvisor(beanName)) {
			return new FilteredAdvisor(advisor, new FilteredPointcut(this::mayBeSecured, advisor.getPointcut()));
		}
		return bean;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	private boolean isSpringSecurityAdvisor(String beanName) {
		String interceptor = INTERCEPTOR_OF_ADVISOR.get(beanName);
		if (interceptor == null || this.beanFactory == null || !this.beanFactory.containsBeanDefinition(interceptor)) {
			return false;
		}
		MethodMetadata factoryMethod = (this.beanFactory
			.getBeanDefinition(interceptor) instanceof AnnotatedBeanDefinition annotated)
					? annotated.getFactoryMethodMetadata() : null;
		return factoryMethod != null && factoryMethod.getDeclaringClassName().startsWith(SPRING_SECURITY_CONFIGURATION);
	}

	/**
	 * Whether a pointcut looking for security annotations on the class or its methods, inherited or
	 * meta-present, could match: the class or one of its supertypes (superclasses, interfaces and
	 * theirs) declares one.
	 */
	boolean mayBeSecured(Class<?> targetClass) {
		return this.mayBeSecured.computeIfAbsent(targetClass, this::anyTypeDeclaresSecurity);
	}

	private boolean anyTypeDeclaresSecurity(Class<?> targetClass) {
		Set<Class<?>> seen = new HashSet<>();
		Deque<Class<?>> types = new ArrayDeque<>(List.of(targetClass));
		while (!types.isEmpty()) {
			Class<?> type = types.pop();
			if (!seen.add(type)) {
				continue;
			}
			if (this.declaresSecurity.computeIfAbsent(type, this::declaresSecurity)) {
				return true;
			}
			if (type.getSuperclass() != null) {
				types.push(type.getSuperclass());
			}
			types.addAll(List.of(type.getInterfaces()));
		}
		return false;
	}

	private boolean declaresSecurity(Class<?> type) {
		try {
			if (anySecurity(type.getDeclaredAnnotations())) {
				return true;
			}
			for (Method method : type.getDeclaredMethods()) {
				if (anySecurity(method.getDeclaredAnnotations())) {
					return true;
				}
			}
			return false;
		}
		catch (Throwable ex) {
			// A type that cannot be introspected (e.g. a missing optional class): the pointcut decides.
			return true;
		}
	}

	private boolean anySecurity(Annotation[] annotations) {
		for (Annotation annotation : annotations) {
			if (this.isSecurity.computeIfAbsent(annotation.annotationType(), MethodSecurityAdvisorFilter::isSecurity)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isSecurity(Class<? extends Annotation> annotationType) {
		if (SECURITY_ANNOTATIONS.contains(annotationType.getName())) {
			return true;
		}
		MergedAnnotations metaAnnotations = MergedAnnotations.from(annotationType);
		return SECURITY_ANNOTATIONS.stream().anyMatch(metaAnnotations::isPresent);
	}

	/** Spring Security's advisor, asked only about classes that may carry its annotations. */
	static final class FilteredAdvisor implements PointcutAdvisor, Ordered, AopInfrastructureBean {

		private final PointcutAdvisor advisor;

		private final Pointcut pointcut;

		FilteredAdvisor(PointcutAdvisor advisor, Pointcut pointcut) {
			this.advisor = advisor;
			this.pointcut = pointcut;
		}

		/** The advisor Spring Security registered. */
		PointcutAdvisor advisor() {
			return this.advisor;
		}

		@Override
		public Pointcut getPointcut() {
			return this.pointcut;
		}

		@Override
		public Advice getAdvice() {
			return this.advisor.getAdvice();
		}

		@Override
		public int getOrder() {
			return (this.advisor instanceof Ordered ordered) ? ordered.getOrder() : Ordered.LOWEST_PRECEDENCE;
		}

		@Override
		public String toString() {
			return "Filtered " + this.advisor;
		}

	}

	private static final class FilteredPointcut implements Pointcut {

		private final Pointcut pointcut;

		private final ClassFilter classFilter;

		FilteredPointcut(ClassFilter mayBeSecured, Pointcut pointcut) {
			this.pointcut = pointcut;
			this.classFilter = (type) -> mayBeSecured.matches(type) && pointcut.getClassFilter().matches(type);
		}

		@Override
		public ClassFilter getClassFilter() {
			return this.classFilter;
		}

		@Override
		public MethodMatcher getMethodMatcher() {
			return this.pointcut.getMethodMatcher();
		}

	}

}
