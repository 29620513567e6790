@extends('layouts.simple')
@section('body')
    <h1>{{ trans('bookmark_folders.title') }}</h1>
    @foreach($bookmarkFolders as $bookmarkFolder)
        @include('bookmark-folders.parts.bookmark-folder', ['bookmarkFolder' => $bookmarkFolder])
    @endforeach
@stop
