using Microsoft.Extensions.DependencyInjection;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>Wraps the last registration of a service with a decorator (for test doubles around real services).</summary>
public static class ServiceCollectionDecorator
{
    public static IServiceCollection Decorate<TService>(this IServiceCollection services, Func<TService, TService> decorate)
        where TService : class
    {
        var original = services.Last(descriptor => descriptor.ServiceType == typeof(TService));
        services.Add(ServiceDescriptor.Singleton<TService>(provider =>
        {
            var inner = original.ImplementationInstance as TService
                ?? original.ImplementationFactory?.Invoke(provider) as TService
                ?? (TService)ActivatorUtilities.CreateInstance(provider, original.ImplementationType!);
            return decorate(inner);
        }));
        return services;
    }

    /// <summary>The same for the last registration of a keyed service (a named grain storage, for instance).</summary>
    public static IServiceCollection DecorateKeyed<TService>(this IServiceCollection services, object key, Func<TService, TService> decorate)
        where TService : class
    {
        var original = services.Last(descriptor => descriptor.ServiceType == typeof(TService) && descriptor.IsKeyedService && Equals(descriptor.ServiceKey, key));
        services.Add(ServiceDescriptor.KeyedSingleton<TService>(key, (provider, serviceKey) =>
            decorate((TService)original.KeyedImplementationFactory!(provider, serviceKey))));
        return services;
    }
}
