"""County Party committee general office (县委办公室) desktop application: the Qt-free core."""

__version__ = "0.1.0"
APP_NAME = "county-office"
APP_TITLE = "县委办公室综合事务管理系统"
