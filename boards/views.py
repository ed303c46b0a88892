from django.shortcuts import render


def board_list(request):
    return render(request, "boards/board_list.html")


def job_list(request):
    return render(request, "boards/job_list.html")
