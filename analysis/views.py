from django.shortcuts import render


def profile(request):
    return render(request, "analysis/profile.html")
