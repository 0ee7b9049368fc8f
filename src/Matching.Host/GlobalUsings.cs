global using Orleans;
global using Microsoft.AspNetCore.Mvc;
