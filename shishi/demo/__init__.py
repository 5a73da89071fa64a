"""The demo `make run` loads (`manage.py load_demo`, made by `data.load_demo`): the top of the
house, since it drives every app's services the way people do."""
