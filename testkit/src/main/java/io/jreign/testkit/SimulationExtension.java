package io.jreign.testkit;

import io.jreign.mailbox.spi.Entropy;
import io.jreign.testkit.property.Choices;
import io.jreign.testkit.property.Gen;
import io.jreign.testkit.property.Property;
import io.jreign.testkit.property.ShrinkBridge;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * The engine behind {@link SimulationTest}: one invocation per seed, parameters made from the seed,
 * and on failure a shrunk fault schedule and a replay line.
 */
final class SimulationExtension implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(SimulationTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        SimulationTest settings = context.getRequiredTestMethod().getAnnotation(SimulationTest.class);
        Long replay = Long.getLong(Property.REPLAY_PROPERTY);
        LongStream seeds = replay != null
                ? LongStream.of(replay)
                : LongStream.range(0, settings.seeds()).map(i -> settings.firstSeed() + i);
        return seeds.mapToObj(seed -> new SeedInvocation(seed, settings));
    }

    static Gen<FaultSchedule> scheduleGen(SimulationTest settings) {
        return FaultSchedule.gen(List.of(settings.nodes()), Duration.ofMillis(settings.horizonMillis()), settings.maxFaults());
    }

    static Choices scheduleChoices(long seed) {
        return Choices.from(Entropy.seeded(seed).split("fault schedule"));
    }

    /** One seed's invocation: its parameters, and the failure report. */
    private record SeedInvocation(long seed, SimulationTest settings) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return "seed " + seed;
        }

        @Override
        public List<org.junit.jupiter.api.extension.Extension> getAdditionalExtensions() {
            Choices choices = scheduleChoices(seed);
            FaultSchedule schedule = scheduleGen(settings).generate(choices);
            Simulation simulation = Simulation.seeded(seed);
            return List.of(new Parameters(simulation, schedule), new Reporter(seed, settings, simulation, schedule, choices.drawn()));
        }
    }

    /** Hands the test its simulation and schedule. */
    private record Parameters(Simulation simulation, FaultSchedule schedule) implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            Class<?> type = parameter.getParameter().getType();
            return type == Simulation.class || type == FaultSchedule.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Simulation.class ? simulation : schedule;
        }
    }

    /** Closes the simulation; on failure shrinks the schedule and writes the report. */
    private record Reporter(long seed, SimulationTest settings, Simulation simulation, FaultSchedule schedule,
                            List<Long> drawn) implements InvocationInterceptor {
        @Override
        public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                                ExtensionContext context) throws Throwable {
            Throwable failure;
            List<String> events;
            try {
                invocation.proceed();
                return;
            } catch (Throwable t) {
                failure = t;
            } finally {
                events = simulation.recentEvents();
                simulation.close();
            }
            Method method = call.getExecutable();
            boolean usesSchedule = Stream.of(method.getParameters()).anyMatch(p -> p.getType() == FaultSchedule.class);
            FaultSchedule shrunk = usesSchedule ? shrink(method, call.getTarget().orElse(null)) : schedule;
            StringBuilder report = new StringBuilder()
                    .append(method.getName()).append(" failed with seed ").append(seed).append('\n')
                    .append("  replay: mvn test -Dsurefire.failIfNoSpecifiedTests=false -Dtest=").append(method.getDeclaringClass().getSimpleName()).append('#')
                    .append(method.getName()).append(" -D").append(Property.REPLAY_PROPERTY).append('=').append(seed).append('\n');
            if (usesSchedule) {
                report.append("  shrunk schedule (still fails):\n").append(shrunk.toScript().indent(4))
                        .append("  drawn schedule:\n").append(schedule.toScript().indent(4));
            }
            report.append("  last events:\n");
            events.subList(Math.max(0, events.size() - 15), events.size()).forEach(e -> report.append("    ").append(e).append('\n'));
            report.append("  cause: ").append(failure);
            throw new AssertionError(report.toString(), failure);
        }

        /** Re-runs the method on shorter schedules of the same seed while it still fails. */
        private FaultSchedule shrink(Method method, Object target) {
            Gen<FaultSchedule> gen = scheduleGen(settings);
            List<Long> shrunk = ShrinkBridge.shrink(new ArrayList<>(drawn), candidate -> fails(method, target, gen.generate(Choices.replaying(candidate))),
                    settings.shrinkBudget());
            return gen.generate(Choices.replaying(shrunk));
        }

        private boolean fails(Method method, Object target, FaultSchedule candidate) {
            try (Simulation rerun = Simulation.seeded(seed)) {
                Parameter[] parameters = method.getParameters();
                Object[] args = new Object[parameters.length];
                for (int i = 0; i < parameters.length; i++) {
                    args[i] = parameters[i].getType() == Simulation.class ? rerun : candidate;
                }
                method.setAccessible(true);
                method.invoke(target, args);
                return false;
            } catch (InvocationTargetException e) {
                return true;
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
