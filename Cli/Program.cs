using OrleansNlp.Cli;

return await new CliApp(CliHost.ForConsole()).RunAsync(args);
