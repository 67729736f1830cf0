"""The page of bulk downloads (/daten/) and the archives it lists."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from oparl import open_data


@require_safe
def open_data_page(request):
    return render(request, "oparl/open_data.html", {"archives": open_data.available()})


@require_safe
def archive(request, name):
    # Only the names the export writes: nothing else in the directory is served.
    if not open_data.FILE_NAME.match(name):
        raise Http404
    path = open_data.root() / name
    if not path.is_file():
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)
