using Microsoft.AspNetCore.Identity;

namespace AiFlow.Infrastructure.Identity;

public class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }
}
